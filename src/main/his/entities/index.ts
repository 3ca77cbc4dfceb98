import type { EntityName } from '../profile';
import { checkups } from './checkups';
import { departments } from './departments';
import { inpatientDiagnoses } from './diagnoses';
import { checkupFindings } from './findings';
import { merges } from './merges';
import { patients } from './patients';
import { inpatientStays } from './stays';
import type { EntityHandler } from './types';
import { outpatientVisits } from './visits';

export const entityHandlers: Record<EntityName, EntityHandler> = {
  departments,
  patients,
  merges,
  inpatient_stays: inpatientStays,
  inpatient_diagnoses: inpatientDiagnoses,
  outpatient_visits: outpatientVisits,
  checkups,
  checkup_findings: checkupFindings,
};
