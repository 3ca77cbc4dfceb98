import type { Dayjs } from 'dayjs';
import type { FindInput } from '../../../shared/contract';
import type { EncounterKind } from '../../../shared/model';

export type SortField = NonNullable<FindInput['sort']>;
export type SortOrder = 'asc' | 'desc';

/** What the filter form holds; dates stay Dayjs until they are sent. */
export interface FilterValues {
  kind: EncounterKind;
  deptIds: number[];
  diagnosis: string;
  admitted: [Dayjs | null, Dayjs | null] | null;
  eventDate: [Dayjs | null, Dayjs | null] | null;
  query: string;
}

export interface Paging {
  page: number;
  pageSize: number;
  sort: SortField;
  order: SortOrder;
}

export const DEFAULT_FILTERS: FilterValues = {
  kind: 'inpatient',
  deptIds: [],
  diagnosis: '',
  admitted: null,
  eventDate: null,
  query: '',
};

/**
 * What stays on screen while a search loads: the previous page (no empty flash), but never rows
 * of another kind (出院/门诊/体检), whose columns differ. `previousKey` is ['patients', 'find', input, seq].
 */
export function placeholderOf<T>(kind: FindInput['kind'], previous: T | undefined, previousKey: readonly unknown[] | undefined): T | undefined {
  return (previousKey?.[2] as FindInput | undefined)?.kind === kind ? previous : undefined;
}

export const DEFAULT_PAGING: Paging = { page: 1, pageSize: 50, sort: 'eventDate', order: 'desc' };

function range(value: FilterValues['admitted']): FindInput['admitted'] {
  if (!value) return undefined;
  const [from, to] = value;
  if (!from && !to) return undefined;
  return {
    ...(from ? { from: from.format('YYYY-MM-DD') } : {}),
    ...(to ? { to: to.format('YYYY-MM-DD') } : {}),
  };
}

const text = (s: string | undefined) => {
  const trimmed = s?.trim();
  return trimmed ? trimmed : undefined;
};

export function toFindInput(filters: FilterValues, paging: Paging): FindInput {
  return {
    kind: filters.kind,
    deptIds: filters.deptIds.length ? filters.deptIds : undefined,
    diagnosis: text(filters.diagnosis),
    // Only stays have an admission; a range left over from the inpatient view must not apply.
    admitted: filters.kind === 'inpatient' ? range(filters.admitted) : undefined,
    eventDate: range(filters.eventDate),
    query: text(filters.query),
    ...paging,
  };
}
