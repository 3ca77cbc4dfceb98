import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CompleteInput } from '../../../shared/contract/followup';
import type { MethodInput } from '../../../shared/contract';
import { api } from '../../api/client';
import { taskKeys } from '../queue/queries';

export const followupKeys = {
  view: (taskId: number) => ['followup', 'open', taskId] as const,
};

/**
 * Always read fresh (no cache): the answers on screen start from what main has stored, so a
 * reload or a crashed window picks up exactly the last saved draft.
 */
export function useFollowupView(taskId: number) {
  return useQuery({
    queryKey: followupKeys.view(taskId),
    queryFn: () => api.call('followup.open', { taskId }),
    staleTime: 0,
    gcTime: 0,
  });
}

export function useLogAttempt(taskId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<MethodInput<'followup.logAttempt'>, 'taskId'>) => api.call('followup.logAttempt', { taskId, ...input }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: followupKeys.view(taskId) }),
  });
}

export function useComplete() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CompleteInput) => api.call('followup.complete', input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: taskKeys.all }),
  });
}

export function useRelease() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (taskId: number) => api.call('tasks.release', { taskId }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: taskKeys.all }),
  });
}
