import type { Knex } from 'knex';
import { queueInput } from '../../../shared/contract/followup';
import type { ReportColumn } from '../../../shared/contract/reports';
import { ApiError } from '../../api/errors';
import { listQuery } from '../../tasks/queue';
import { patientsForSearch } from '../../tasks/queue-search';
import { toQueueRows, withRowColumns } from '../../tasks/rows';
import { beijingDate, beijingTimestamp } from '../../util/clock';
import { deptNames, GENDER, keysetPages, listScope, PAGE_ROWS, parseParams } from './common';
import type { PrepareKind } from './types';

// The queue as the nurse or head filters it, in queue order (priority, due date, id), read by
// pages with the queue's own query and row mapping (phones masked for the role).

const col = (key: string, zh: string, en: string, type: ReportColumn['type'] = 'text'): ReportColumn => ({ key, title: { zh, en }, type });

const COLUMNS: ReportColumn[] = [
  col('patient', '患者', 'Patient'),
  col('gender', '性别', 'Sex'),
  col('age', '年龄', 'Age', 'int'),
  col('phone', '联系电话', 'Phone'),
  col('dept', '科室', 'Department'),
  col('plan', '随访计划', 'Plan'),
  col('track', '随访路径', 'Track'),
  col('point', '随访点', 'Point'),
  col('dueDate', '应访日期', 'Due', 'date'),
  col('windowStart', '窗口开始', 'Window start', 'date'),
  col('windowEnd', '窗口结束', 'Window end', 'date'),
  col('overdueDays', '逾期天数', 'Days overdue', 'int'),
  col('colour', '预警', 'Warning'),
  col('status', '状态', 'Status'),
  col('assignee', '处理人', 'Assignee'),
  col('callbackAt', '回拨时间', 'Callback at', 'datetime'),
  col('retries', '已尝试次数', 'Attempts', 'int'),
];

const COLOURS: Record<string, string> = { red: '红', orange: '橙', yellow: '黄', green: '绿' };
const STATUSES: Record<string, string> = { pending: '待随访', claimed: '随访中' };
const SCOPES = { mine: '我的任务', team: '待领取', all: '全部任务' } as const;

type Key = { priority: number; due: string; id: number };

export const prepareQueue: PrepareKind = async ({ knex, clock, user }, params) => {
  const parsed = parseParams(queueInput, params);
  // The rows the nurse sees: a search narrows the export as it narrows the list.
  const input = parsed.search ? { ...parsed, patientIds: await patientsForSearch(knex, parsed.search) } : parsed;
  if (input.scope === 'all' && user.role === 'nurse') throw new ApiError('forbidden', '只有护士长可查看全部任务 (only a head sees every task)');
  const scope = await listScope(knex, user, input.deptId ? [input.deptId] : undefined);
  const at = { today: beijingDate(clock.now()), now: beijingTimestamp(clock.now()) };
  const title = `随访队列_${SCOPES[input.scope]}`;
  return {
    title,
    fileStem: `${title}_${at.today}`,
    filters: {
      scope: SCOPES[input.scope],
      due: input.due,
      科室: await deptNames(knex, scope.all ? undefined : scope.deptIds),
      planId: input.planId,
      colour: input.colour,
      kind: input.kind,
      channel: input.channel,
      search: input.search,
    },
    async source() {
      const base = () => {
        const q = listQuery(knex, input, user, at);
        return scope.all ? q : q.whereIn('t.dept_id', scope.deptIds);
      };
      const total = Number((await base().count({ n: '*' }))[0].n);
      const page = async (after: Key | null) => {
        let q: Knex.QueryBuilder = withRowColumns(knex, base());
        if (after)
          q = q.where((w) =>
            w
              .where('t.priority', '>', after.priority)
              .orWhere((x) =>
                x
                  .where('t.priority', after.priority)
                  .where((y) => y.where('t.due_date', '>', after.due).orWhere((z) => z.where('t.due_date', after.due).where('t.id', '>', after.id))),
              ),
          );
        const raw = await q.orderBy([{ column: 't.priority' }, { column: 't.due_date' }, { column: 't.id' }]).limit(PAGE_ROWS);
        const rows = (await toQueueRows(knex, raw, user, at)).map((r) => ({
          patient: r.patientName,
          gender: GENDER[r.genderCode] ?? r.genderCode,
          age: r.age,
          phone: r.phone,
          dept: r.deptName,
          plan: r.planName,
          track: r.trackName,
          point: r.pointLabel,
          dueDate: r.dueDate,
          windowStart: r.windowStart,
          windowEnd: r.windowEnd,
          overdueDays: Math.max(0, r.overdueDays),
          colour: r.colour ? COLOURS[r.colour] : null,
          status: STATUSES[r.status] ?? r.status,
          assignee: r.assignee?.name ?? null,
          callbackAt: r.callbackAt,
          retries: r.retryCount,
        }));
        const last = raw[raw.length - 1] as Record<string, unknown> | undefined;
        return { rows, next: last && raw.length === PAGE_ROWS ? { priority: Number(last.priority), due: last.due_date as string, id: Number(last.id) } : null };
      };
      return { columns: COLUMNS, definitions: [], total, batches: keysetPages(page) };
    },
  };
};
