import type { Knex } from 'knex';
import { findInput } from '../../../shared/contract';
import type { ReportColumn } from '../../../shared/contract/reports';
import { filtered, patientRows } from '../../patients/finder';
import { deptNames, GENDER, keysetPages, listScope, PAGE_ROWS, parseParams } from './common';
import type { PrepareKind } from './types';

// The finder's result list (e.g. 某科室出院患者名单): the finder's own filter and row query, read
// by pages in event-date order; phones masked for the role as on screen.

const col = (key: string, zh: string, en: string, type: ReportColumn['type'] = 'text'): ReportColumn => ({ key, title: { zh, en }, type });

const COLUMNS: ReportColumn[] = [
  col('encounterNo', '住院/就诊号', 'Encounter no.'),
  col('name', '姓名', 'Name'),
  col('gender', '性别', 'Sex'),
  col('age', '年龄', 'Age', 'int'),
  col('dept', '科室', 'Department'),
  col('admitDate', '入院日期', 'Admitted', 'date'),
  col('eventDate', '出院/就诊日期', 'Discharged / visited', 'date'),
  col('diagCode', '主要诊断编码', 'Main diagnosis code'),
  col('diagName', '主要诊断', 'Main diagnosis'),
  col('dischargeMode', '离院方式', 'Discharge mode'),
  col('status', '状态', 'Status'),
  col('phone', '联系电话', 'Phone'),
  col('critical', '危急值', 'Critical values', 'int'),
];

const LIST_NAMES = { inpatient: '出院患者名单', outpatient: '门诊患者名单', checkup: '体检人员名单' } as const;

type Key = { date: string; id: number };

export const prepareFinder: PrepareKind = async ({ knex, user, synonyms }, params) => {
  const input = parseParams(findInput, params);
  const scope = await listScope(knex, user, input.deptIds);
  const query = { ...input, deptIds: scope.all ? undefined : scope.deptIds };
  const depts = await deptNames(knex, query.deptIds);
  const kind = input.kind ?? 'inpatient';
  const title = `${depts?.length === 1 ? depts[0] : ''}${LIST_NAMES[kind]}`;
  const range = input.eventDate?.from || input.eventDate?.to ? `${input.eventDate?.from ?? ''}~${input.eventDate?.to ?? ''}` : null;
  const desc = input.order === 'desc';
  return {
    title,
    fileStem: range ? `${title}_${range}` : title,
    filters: { kind, 科室: depts, diagnosis: input.diagnosis, eventDate: input.eventDate, admitted: input.admitted, query: input.query },
    async source() {
      // A head with no department sees nobody (an empty deptIds would mean "any department").
      const apply = !scope.all && scope.deptIds.length === 0 ? null : await filtered(knex, query, synonyms);
      const total = apply ? Number((await apply(knex('encounters as e')).count({ n: '*' }))[0].n) : 0;
      const page = async (after: Key | null) => {
        if (!apply) return { rows: [], next: null };
        let q: Knex.QueryBuilder = apply(knex('encounters as e')).select('e.id', 'e.event_date');
        if (after)
          q = q.where((w) =>
            w.where('e.event_date', desc ? '<' : '>', after.date).orWhere((x) => x.where('e.event_date', after.date).where('e.id', desc ? '<' : '>', after.id)),
          );
        const keys = await q
          .orderBy([
            { column: 'e.event_date', order: input.order },
            { column: 'e.id', order: input.order },
          ])
          .limit(PAGE_ROWS);
        const rows = (
          await patientRows(
            knex,
            keys.map((k: { id: number }) => Number(k.id)),
            user.role,
          )
        ).map((r) => ({
          encounterNo: r.encounterNo,
          name: r.name,
          gender: GENDER[r.genderCode] ?? r.genderCode,
          age: r.age,
          dept: r.deptName,
          admitDate: r.admitDate,
          eventDate: r.eventDate,
          diagCode: r.mainDiagCode,
          diagName: r.mainDiagName,
          dischargeMode: r.dischargeModeCode,
          status: r.status,
          phone: r.phone,
          critical: r.criticalCount,
        }));
        const last = keys[keys.length - 1];
        return { rows, next: keys.length === PAGE_ROWS ? { date: last.event_date as string, id: Number(last.id) } : null };
      };
      return { columns: COLUMNS, definitions: [], total, batches: keysetPages(page) };
    },
  };
};
