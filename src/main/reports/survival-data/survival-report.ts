import type { Knex } from 'knex';
import { survivalExclusions, type SurvivalExclusion, type SurvivalResult } from '../../../shared/contract/reports';
import { resolveDiagnosisCodes } from '../../diagnoses/diagnosis-filter';
import type { DiagnosisSynonyms } from '../../diagnoses/diagnosis-synonyms';
import { analyseSurvival, followUpCompleteness, ONE_THREE_FIVE_YEARS, survivalRecordsAt, type PatientFollowUp } from '../survival';
import { loadCohortFacts } from './cohort-query';
import { groupLabels } from './group-labels';
import { personFollowUp, type SurvivalAnchor, type SurvivalGroupBy } from './person-follow-up';
import { toSurvivalResult } from './survival-result';

export interface SurvivalQuery {
  anchor: SurvivalAnchor;
  groupBy: SurvivalGroupBy;
  from?: string;
  to?: string;
  cutOff: string;
  planIds?: number[];
  /** The departments the caller may and wants to see; undefined = all (admin, no filter). */
  deptIds?: number[];
  diagnosis?: string;
}

/**
 * Kaplan–Meier survival of the patients enrolled in the chosen plans and departments, from the
 * chosen anchor to death, censored at the last day known alive (person-follow-up.ts defines
 * every date), as known at the cut-off. A patient is counted once, under the plan and the
 * department of his earliest enrolment (for the treatment-start anchor: of the enrolment with
 * the earliest treatment start). Times are days from the anchor.
 */
export async function survivalReport(knex: Knex, q: SurvivalQuery, synonyms?: DiagnosisSynonyms): Promise<SurvivalResult> {
  const codes = q.diagnosis ? new Set(await resolveDiagnosisCodes(knex, q.diagnosis, synonyms)) : null;
  const facts = codes?.size === 0 ? [] : await loadCohortFacts(knex, { planIds: q.planIds, deptIds: q.deptIds });
  const excluded = Object.fromEntries(survivalExclusions.map((r) => [r, 0])) as Record<SurvivalExclusion, number>;
  const included: PatientFollowUp[] = [];
  for (const f of facts) {
    const outcome = personFollowUp(f, { anchor: q.anchor, groupBy: q.groupBy, diagnosisCodes: codes, from: q.from, to: q.to, cutOff: q.cutOff });
    if (outcome.kind === 'included') included.push(outcome.followUp);
    else if (outcome.kind === 'excluded') excluded[outcome.reason]++;
  }
  const labels = await groupLabels(knex, [...new Set(included.map((p) => p.group))]);
  // Groups appear in the order of their labels (pinyin for Chinese names, code order for ICD-10).
  const collator = new Intl.Collator('zh-Hans-CN-u-co-pinyin');
  const order = [...labels.keys()].sort((a, b) => collator.compare(labels.get(a)!, labels.get(b)!) || (a < b ? -1 : 1));
  const rank = new Map(order.map((key, i) => [key, i]));
  included.sort((a, b) => rank.get(a.group)! - rank.get(b.group)!);
  const report = analyseSurvival(survivalRecordsAt(included, q.cutOff), { timePoints: ONE_THREE_FIVE_YEARS });
  return toSurvivalResult(report, followUpCompleteness(included, q.cutOff), labels, excluded);
}
