import type { ExportKind } from '../../../shared/contract/reports';
import { methods } from '../../../shared/contract';
import type { Role } from '../../../shared/model';
import type { ExportFormat } from '../repo';
import { prepareAudit } from './audit';
import { prepareFinder } from './finder';
import { prepareQueue } from './queue';
import { prepareDashboard, prepareReport } from './report';
import { prepareResearch } from './research';
import type { PrepareKind } from './types';

// Who may export what: the roles of the screen the rows come from (a nurse exports the finder
// and her queue, a head her departments' statistics and research data).

const heads: Role[] = ['head', 'admin'];
const rolesOf = (m: 'patients.find' | 'tasks.queue'): Role[] => methods[m].roles as Role[];

export const KINDS: Record<ExportKind, { roles: Role[]; formats: ExportFormat[]; prepare: PrepareKind }> = {
  report: { roles: heads, formats: ['xlsx', 'csv'], prepare: prepareReport },
  dashboard: { roles: heads, formats: ['xlsx', 'csv'], prepare: prepareDashboard },
  finder: { roles: rolesOf('patients.find'), formats: ['xlsx', 'csv'], prepare: prepareFinder },
  queue: { roles: rolesOf('tasks.queue'), formats: ['xlsx', 'csv'], prepare: prepareQueue },
  research: { roles: heads, formats: ['xlsx', 'csv', 'fhir'], prepare: prepareResearch },
  // The audit log, as an admin searches it (audit.search).
  audit: { roles: methods['audit.search'].roles as Role[], formats: ['xlsx', 'csv'], prepare: prepareAudit },
};
