import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RecordNotificationInput } from '../../../shared/contract/critical-values';
import { api } from '../../api/client';

export function useRecordNotification() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RecordNotificationInput) => api.call('criticalValues.recordNotification', input),
    // The follow-up page, the queue and the timeline all show it: whatever is on screen reads again.
    onSuccess: () => void qc.invalidateQueries(),
  });
}
