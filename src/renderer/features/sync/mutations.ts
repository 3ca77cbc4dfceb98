import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { syncKeys } from './queries';

/** A finished sync changes everything the other screens show. */
export function invalidateAfterSync(qc: QueryClient): Promise<void> {
  return qc.invalidateQueries({
    predicate: (q) => ['sync', 'patients', 'departments'].includes(String(q.queryKey[0])),
  });
}

export function useStartSync() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.call('sync.start'),
    onSuccess: () => qc.invalidateQueries({ queryKey: syncKeys.runs }),
  });
}

export function useCancelSync() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (runId: number) => api.call('sync.cancel', { runId }),
    onSuccess: () => qc.invalidateQueries({ queryKey: syncKeys.runs }),
  });
}
