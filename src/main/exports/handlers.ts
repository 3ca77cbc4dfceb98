import type { Handlers } from '../api/dispatcher';
import type { Services } from '../api/services';
import { JobRunner } from '../jobs/job-runner';
import { knownQuestionnaires, questionnairesOf } from '../questionnaires/store-library';
import { EventBus } from '../util/events';
import { exportService, type ExportService } from './export-service';

/** A dispatcher built without the app's events and jobs (tests) gets its own. */
export const exportServiceOf = (services: Services): ExportService =>
  exportService({
    knex: services.store.knex,
    clock: services.clock,
    dataDir: services.config.dataDir,
    events: services.events ?? new EventBus(),
    jobs: services.jobs ?? new JobRunner(),
    library: { get: (id, version) => knownQuestionnaires(services.store.knex).get(id, version) },
    log: (m) => console.error(m),
    pauseBetweenBatchesMs: services.config.exports?.pauseBetweenBatchesMs,
    keepDays: services.config.exports?.keepDays,
  });

export const exportHandlers = (services: Services): Pick<Handlers, 'exports.start' | 'exports.cancel' | 'exports.list'> => {
  const service = exportServiceOf(services);
  return {
    'exports.start': async (input, ctx) => {
      await questionnairesOf(services.store.knex, services.clock); // the export reads every version published so far
      return { exportId: (await service.start(ctx.user, input)).exportId };
    },
    'exports.cancel': async ({ exportId }, ctx) => ({ cancelled: await service.cancel(ctx.user, exportId) }),
    'exports.list': async (_input, ctx) => service.list(ctx.user),
  };
};
