import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface RejectedFilter {
  entity?: string;
  page: number;
  pageSize: number;
}

export const syncKeys = {
  all: ['sync'] as const,
  runs: ['sync', 'runs'] as const,
  rejected: (f: RejectedFilter) => ['sync', 'rejected', f] as const,
};

export const syncRunsQuery = queryOptions({
  queryKey: syncKeys.runs,
  queryFn: () => api.call('sync.runs', { limit: 20 }),
});

export function useSyncRuns() {
  return useQuery(syncRunsQuery);
}

export function useRejectedRows(filter: RejectedFilter) {
  return useQuery({
    queryKey: syncKeys.rejected(filter),
    queryFn: () => api.call('sync.rejected', filter),
    placeholderData: keepPreviousData,
  });
}
