import dayjs, { type Dayjs } from 'dayjs';
import type { Dimension, ReportSpecInput } from '../../../shared/contract/reports';
import { monthRange, shiftMonth } from './format';

/** What the builder form holds; dates stay Dayjs until they are sent. */
export interface BuilderValues {
  rows: Dimension;
  measures: string[];
  questionnaireId?: string;
  itemId?: string;
  period: [Dayjs, Dayjs];
  deptIds?: number[];
  planIds?: number[];
  encounterKinds?: ('inpatient' | 'outpatient' | 'checkup')[];
  nurseIds?: number[];
}

const some = <T>(xs: T[] | undefined): T[] | undefined => (xs?.length ? xs : undefined);

export function specOf(v: BuilderValues): ReportSpecInput {
  const q = v.questionnaireId?.trim();
  const item = v.itemId?.trim();
  return {
    rows: v.rows,
    measures: v.measures,
    ...(q && item ? { item: { questionnaireId: q, itemId: item } } : {}),
    filters: {
      from: v.period[0].format('YYYY-MM-DD'),
      to: v.period[1].format('YYYY-MM-DD'),
      deptIds: some(v.deptIds),
      planIds: some(v.planIds),
      encounterKinds: some(v.encounterKinds),
      nurseIds: some(v.nurseIds),
    },
  };
}

export function valuesOf(spec: ReportSpecInput): BuilderValues {
  const f = spec.filters;
  return {
    rows: spec.rows,
    measures: spec.measures ?? [],
    questionnaireId: spec.item?.questionnaireId,
    itemId: spec.item?.itemId,
    period: [dayjs(f.from), dayjs(f.to)],
    deptIds: f.deptIds,
    planIds: f.planIds,
    encounterKinds: f.encounterKinds,
    nurseIds: f.nurseIds,
  };
}

/** The same report over a whole month: this month (0) or the one before (-1), from Beijing today. */
export function withMonth(spec: ReportSpecInput, thisMonth: string, shift: 0 | -1): ReportSpecInput {
  return { ...spec, filters: { ...spec.filters, ...monthRange(shiftMonth(thisMonth, shift)) } };
}

export function defaultValues(thisMonth: string): BuilderValues {
  const { from, to } = monthRange(thisMonth);
  return { rows: 'department', measures: [], period: [dayjs(from), dayjs(to)] };
}
