import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { FindInput } from '../../../shared/contract';
import { api } from '../../api/client';

export const finderKeys = {
  departments: ['departments'] as const,
  find: (input: FindInput, seq: number) => ['patients', 'find', input, seq] as const,
};

export const departmentsQuery = queryOptions({
  queryKey: finderKeys.departments,
  queryFn: () => api.call('departments.list'),
  // The dictionary changes only with a sync; the sync page invalidates it.
  staleTime: 10 * 60_000,
});

export function useDepartments() {
  return useQuery(departmentsQuery);
}

export function useFindPatients(input: FindInput, seq: number) {
  return useQuery({
    queryKey: finderKeys.find(input, seq),
    queryFn: () => api.call('patients.find', input),
    // Keep the old page on screen while the next one loads, so the table doesn't flash empty.
    placeholderData: keepPreviousData,
  });
}
