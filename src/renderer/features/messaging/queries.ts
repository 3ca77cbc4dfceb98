import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SendInput } from '../../../shared/contract/messaging';
import { api } from '../../api/client';

export const messageKeys = {
  all: ['messages'] as const,
  patient: (patientId: number) => ['messages', 'patient', patientId] as const,
  templates: ['messages', 'templates'] as const,
  preview: (input: Omit<SendInput, 'taskId'>) => ['messages', 'preview', input] as const,
};

export function usePatientMessages(patientId: number) {
  // Delivery receipts arrive on their own: refetch now and then while the log is on screen.
  return useQuery({ queryKey: messageKeys.patient(patientId), queryFn: () => api.call('messages.list', { patientId }), refetchInterval: 30_000 });
}

export function useSmsTemplates() {
  return useQuery({ queryKey: messageKeys.templates, queryFn: () => api.call('messages.templates'), staleTime: Infinity });
}

export function useSmsPreview(input: Omit<SendInput, 'taskId'> | null) {
  return useQuery({
    queryKey: messageKeys.preview(input ?? { patientId: 0, template: '', variables: {} }),
    queryFn: () => api.call('messages.preview', input!),
    enabled: input !== null,
    retry: false,
    meta: { silent: true },
  });
}

/** messages.send; the patient's log refreshes afterwards. */
export function useSendSms() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SendInput) => api.call('messages.send', input),
    onSuccess: (m) => m.patientId !== null && qc.invalidateQueries({ queryKey: messageKeys.patient(m.patientId) }),
  });
}

export function useOptOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { patientId: number; note?: string }) => api.call('messages.optOut', input),
    onSuccess: (r) => qc.invalidateQueries({ queryKey: messageKeys.patient(r.patientId) }),
  });
}
