import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { SaveAccountInput, VoiceProvider } from '../../../shared/contract/calls';

export const callKeys = {
  account: ['softphone', 'account'] as const,
  voice: ['softphone', 'voice'] as const,
  calls: ['calls'] as const,
  list: (f: { patientId?: number; missedOnly?: boolean }) => ['calls', 'list', f.patientId ?? null, !!f.missedOnly] as const,
};

export const accountQuery = queryOptions({ queryKey: callKeys.account, queryFn: () => api.call('softphone.account') });

export function useAccount() {
  return useQuery(accountQuery);
}

export function useSaveAccount() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveAccountInput) => api.call('softphone.saveAccount', input),
    onSuccess: (saved) => qc.setQueryData(callKeys.account, saved),
  });
}

export function useVoiceSettings() {
  return useQuery({ queryKey: callKeys.voice, queryFn: () => api.call('softphone.voice') });
}

export function useSetProvider() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (provider: VoiceProvider) => api.call('softphone.setProvider', { provider }),
    onSuccess: (saved) => qc.setQueryData(callKeys.voice, saved),
  });
}

export function useCalls(f: { patientId?: number; missedOnly?: boolean; limit?: number }) {
  return useQuery({
    queryKey: callKeys.list(f),
    queryFn: () => api.call('calls.list', { patientId: f.patientId, missedOnly: f.missedOnly, limit: f.limit ?? 50 }),
    staleTime: 5_000,
  });
}
