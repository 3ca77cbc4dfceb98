import type { Handlers } from '../api/dispatcher';
import type { Services } from '../api/services';
import { assertPatientVisible, narrowScope, patientScopeOf } from '../auth/access';
import { beijingDate } from '../util/clock';
import { listDepartments } from './departments';
import { expandDiagnosis } from '../diagnoses/diagnosis-filter';
import { diagnosisSynonyms } from '../diagnoses/diagnosis-synonyms';
import { findPatients } from './finder';
import { questionnairesOf } from '../questionnaires/store-library';
import { patientTimeline } from './timeline';

type PatientMethod = 'departments.list' | 'diagnoses.expand' | 'patients.find' | 'patients.timeline';

export const patientHandlers = ({ store, clock, config }: Services): Pick<Handlers, PatientMethod> => ({
  'departments.list': async () => listDepartments(store.knex),
  // The data folder's dictionary is read here (cached by file time), so an admin's edit applies at once.
  'diagnoses.expand': async ({ text }) => ({ terms: expandDiagnosis(text, diagnosisSynonyms(config.dataDir)) }),
  // A head finds her departments' encounters only; naming another department is refused.
  'patients.find': async (input, ctx) => {
    const scope = narrowScope(await patientScopeOf(store.knex, ctx.user), input.deptIds);
    return !scope.all && scope.deptIds.length === 0
      ? { total: 0, page: input.page, pageSize: input.pageSize, rows: [] }
      : findPatients(store, scope.all ? input : { ...input, deptIds: scope.deptIds }, ctx.user.role, diagnosisSynonyms(config.dataDir));
  },
  'patients.timeline': async ({ patientId }, ctx) => {
    await assertPatientVisible(store.knex, ctx.user, patientId);
    return patientTimeline(store.knex, patientId, ctx.user.role, beijingDate(clock.now()), await questionnairesOf(store.knex, clock));
  },
});
