import type { EnrolAndGenerateCounts } from '../../shared/contract/plans';
import type { DiagnosisSynonyms } from '../diagnoses/diagnosis-synonyms';
import type { Store } from '../store/store';
import type { QuestionnaireLibrary } from '../questionnaires/questionnaire-library';
import type { Clock } from '../util/clock';
import { assessRiskTiers } from './risk-assessment';
import { beijingTimestamp } from '../util/clock';
import { enrolMatching } from './enrol';
import { completeFinishedEnrolments, generateTasks } from './generate';
import { flagNewCriticalValues, satisfyByHisVisits, stopPlansOfDeceased } from './his-events';
import { openCriticalNotifications } from '../critical-values/open';
import { resolveTreatmentStarts } from './treatment-start-his';

export interface CycleOptions {
  /** Critical values first seen at or after this time count as new (the sync run's start). */
  since?: string;
  log?: (m: string) => void;
  /** The data folder's diagnosis keyword dictionary (diagnoses/diagnosis-synonyms.ts); omitted: the shipped one. */
  synonyms?: DiagnosisSynonyms;
}

/**
 * What follows every successful sync (and `followup tasks generate`): stop plans of the dead,
 * assess checkup risk tiers, enrol, date treatment starts from the HIS, generate due tasks, satisfy points the HIS shows were attended, flag critical values.
 * Each step is idempotent, so running it twice, or after a crash half-way, is harmless.
 */
export async function runFollowupCycle(store: Store, clock: Clock, lib: QuestionnaireLibrary, opts: CycleOptions = {}): Promise<EnrolAndGenerateCounts> {
  const started = Date.now();
  const stopped = await stopPlansOfDeceased(store, clock);
  // Before enrolment: a tier decided from today's answers or findings enrols in its plan now.
  await assessRiskTiers(store.knex, beijingTimestamp(clock.now()));
  const { enrolled, warnings } = await enrolMatching(store, clock, opts.synonyms);
  for (const w of warnings) opts.log?.(w);
  // Before generation: a chemotherapy stay seen in this sync dates the cycles generated now.
  await resolveTreatmentStarts(store, clock, opts.synonyms);
  const gen = await generateTasks(store, clock, lib);
  const satisfied = await satisfyByHisVisits(store, clock);
  const critical = opts.since ? await flagNewCriticalValues(store, clock, opts.since) : 0;
  // Critical values just enrolled or flagged get their deadline (tasks/critical-watch.ts escalates).
  await openCriticalNotifications(store.knex, beijingTimestamp(clock.now()));
  await completeFinishedEnrolments(store);
  return {
    enrolled,
    tasksCreated: gen.tasksCreated,
    satisfied,
    stopped,
    critical,
    enrolmentsScanned: gen.enrolmentsScanned,
    ms: Date.now() - started,
  };
}
