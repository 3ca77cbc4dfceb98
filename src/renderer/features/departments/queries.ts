import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

// The department dictionary, shared by every page that filters or assigns by department.

export const departmentsQuery = queryOptions({
  queryKey: ['departments'] as const,
  queryFn: () => api.call('departments.list'),
  // The dictionary changes only with a sync; the sync page invalidates it.
  staleTime: 10 * 60_000,
});

export function useDepartments() {
  return useQuery(departmentsQuery);
}
