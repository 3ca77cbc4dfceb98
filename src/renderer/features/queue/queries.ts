import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueInput } from '../../../shared/contract/followup';
import { api } from '../../api/client';
import { ApiCallError } from '../../api/errors';
import { errorText } from '../../api/notices';
import { navigate } from '../../app/router';
import { claimFilters } from './state';

export const taskKeys = {
  all: ['tasks'] as const,
  queue: (input: QueueInput) => ['tasks', 'queue', input] as const,
  plans: ['plans', 'list'] as const,
};

export function useQueue(input: QueueInput) {
  return useQuery({
    queryKey: taskKeys.queue(input),
    queryFn: () => api.call('tasks.queue', input),
    placeholderData: keepPreviousData,
    // Other nurses claim from the same queue all day: their claims arrive as `tasks.changed`
    // (useTaskChanges); the slow poll only covers an event lost with a dropped connection.
    staleTime: 5_000,
    refetchInterval: 5 * 60_000,
  });
}

/** Claims, releases, completions and new callback tasks anywhere in the team: the queues refetch at once. */
export function useTaskChanges(): void {
  const qc = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = api.on('tasks.changed', () => {
      // A burst (a sync's new tasks, a busy minute of a whole team) refetches once.
      timer ??= setTimeout(() => {
        timer = null;
        void qc.invalidateQueries({ queryKey: taskKeys.all });
      }, 250);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [qc]);
}

export function usePlanOptions() {
  return useQuery({ queryKey: taskKeys.plans, queryFn: () => api.call('plans.list'), staleTime: 5 * 60_000 });
}

/** Claims the next task in queue order (server-side, atomic) and opens it. */
export function useTakeNext() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: () => api.call('tasks.claimNext', claimFilters()),
    onSuccess: ({ task }) => {
      void qc.invalidateQueries({ queryKey: taskKeys.all });
      if (task) navigate({ name: 'followup', taskId: task.id });
      else {
        void message.info(t('queue.nothingLeft'));
        navigate({ name: 'queue' });
      }
    },
  });
}

/** Claims the row she picked; a task someone else took meanwhile says so and refreshes the list. */
export function useClaim() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useMutation({
    meta: { silent: true },
    mutationFn: (taskId: number) => api.call('tasks.claim', { taskId }),
    onSuccess: ({ task }) => {
      void qc.invalidateQueries({ queryKey: taskKeys.all });
      navigate({ name: 'followup', taskId: task.id });
    },
    onError: (err) => {
      if (err instanceof ApiCallError && err.code === 'conflict') void message.warning({ content: t('queue.conflict'), key: 'claim-conflict' });
      else void message.error(errorText(err, t));
      void qc.invalidateQueries({ queryKey: taskKeys.all });
    },
  });
}
