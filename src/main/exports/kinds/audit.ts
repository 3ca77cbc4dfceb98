import { auditFilter } from '../../../shared/contract/audit';
import type { ReportColumn } from '../../../shared/contract/reports';
import { AUDIT_COLUMNS, auditQuery, toEntry } from '../../auth/audit-search';
import { beijingDate } from '../../util/clock';
import { keysetPages, PAGE_ROWS, parseParams } from './common';
import type { PrepareKind } from './types';

// The audit log as the admin filtered it on screen, newest first, read by pages of ids. Starting
// it is audited like every export (export.start, with this filter).

const col = (key: string, zh: string, en: string, type: ReportColumn['type'] = 'text'): ReportColumn => ({ key, title: { zh, en }, type });

const COLUMNS: ReportColumn[] = [
  col('id', '记录号', 'Row', 'int'),
  col('at', '时间', 'Time', 'datetime'),
  col('username', '用户', 'User'),
  col('action', '操作', 'Action'),
  col('patientId', '患者编号', 'Patient id', 'int'),
  col('address', '来源', 'From'),
  col('detail', '详情', 'Detail'),
  col('sealed', '已封存', 'Sealed'),
];

export const prepareAudit: PrepareKind = async ({ knex, clock }, params) => {
  const f = parseParams(auditFilter, params);
  const title = '审计日志';
  return {
    title,
    fileStem: `${title}_${beijingDate(clock.now())}`,
    filters: { from: f.from, to: f.to, 用户: f.username, 操作: f.action, 患者编号: f.patientId, 来源: f.address },
    async source() {
      const [{ n }] = await auditQuery(knex, f).count({ n: '*' });
      const page = async (before: number | null) => {
        const q = auditQuery(knex, f);
        if (before !== null) q.where('a.id', '<', before);
        const raw = (await q.orderBy('a.id', 'desc').limit(PAGE_ROWS).select(AUDIT_COLUMNS)) as Record<string, unknown>[];
        const entries = raw.map(toEntry);
        const rows = entries.map((e) => ({ ...e, sealed: e.sealed ? '是' : '否' }));
        return { rows, next: entries.length === PAGE_ROWS ? entries[entries.length - 1].id : null };
      };
      return { columns: COLUMNS, definitions: [], total: Number(n), batches: keysetPages(page) };
    },
  };
};
