import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PlanDefinitionInput } from '../../../shared/plans/schema';
import { api } from '../../api/client';

export const planKeys = {
  all: ['plans'] as const,
  list: (includeRetired: boolean) => ['plans', 'list', includeRetired] as const,
  one: (planId: number, version?: number) => ['plans', 'get', planId, version ?? null] as const,
  templates: ['plans', 'templates'] as const,
  questionnaires: ['plans', 'questionnaires'] as const,
};

export function usePlanList(includeRetired: boolean) {
  return useQuery({ queryKey: planKeys.list(includeRetired), queryFn: () => api.call('plans.list', { includeRetired }) });
}

export function usePlan(planId: number | null, version?: number) {
  return useQuery({
    queryKey: planKeys.one(planId ?? 0, version),
    queryFn: () => api.call('plans.get', { planId: planId!, version }),
    enabled: planId !== null,
    staleTime: 0,
  });
}

export function useTemplates() {
  return useQuery({ queryKey: planKeys.templates, queryFn: () => api.call('plans.templates'), staleTime: Infinity });
}

/** The questionnaires in the store (newest version of each), for the point pickers. */
export function useQuestionnaires() {
  return useQuery({ queryKey: planKeys.questionnaires, queryFn: () => api.call('plans.questionnaires'), staleTime: 60_000 });
}

export function usePreview() {
  return useMutation({ mutationFn: (definition: PlanDefinitionInput) => api.call('plans.preview', { definition }) });
}

/** Every write changes the list, the plan and the queue's plan filter: refresh them all. */
function useWrite<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: planKeys.all }) });
}

export const useSavePlan = () => useWrite((definition: PlanDefinitionInput) => api.call('plans.save', { definition }));
export const useActivatePlan = () => useWrite((v: { planId: number; version: number }) => api.call('plans.activate', v));
export const useRetirePlan = () => useWrite((planId: number) => api.call('plans.retire', { planId }));
