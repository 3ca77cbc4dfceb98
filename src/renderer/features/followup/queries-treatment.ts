import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MethodInput } from '../../../shared/contract';
import { api } from '../../api/client';
import { taskKeys } from '../queue/queries';
import { followupKeys } from './queries';

/** Sets or clears the team's treatment start; the task's dates and the queue change with it. */
export function useSetTreatmentStart(taskId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<'enrolments.setTreatmentStart'>) => api.call('enrolments.setTreatmentStart', input),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: followupKeys.view(taskId) });
      void qc.invalidateQueries({ queryKey: taskKeys.all });
    },
  });
}
