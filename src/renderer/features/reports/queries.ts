import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { drilldownInput, ReportSpecInput } from '../../../shared/contract/reports';
import { api } from '../../api/client';

export const reportKeys = {
  all: ['reports'] as const,
  metrics: ['reports', 'metrics'] as const,
  dashboard: (month: string, deptIds: number[] | undefined) => ['reports', 'dashboard', month, deptIds ?? null] as const,
  drilldown: (input: DrillInput) => ['reports', 'drilldown', input] as const,
  run: (spec: ReportSpecInput, seq: number) => ['reports', 'run', spec, seq] as const,
  saved: ['reports', 'saved'] as const,
};

export type DrillInput = z.input<typeof drilldownInput>;

export function useMetrics() {
  // Definitions change only with a release.
  return useQuery({ queryKey: reportKeys.metrics, queryFn: () => api.call('reports.metrics'), staleTime: Infinity, meta: { silent: true } });
}

/** Without deptIds the server answers for all of the head's departments and names them. */
export function useDashboard(month: string, deptIds: number[] | undefined) {
  return useQuery({
    queryKey: reportKeys.dashboard(month, deptIds),
    queryFn: () => api.call('reports.dashboard', { month, deptIds }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
    meta: { silent: true },
  });
}

export function useDrilldown(input: DrillInput | null) {
  return useQuery({
    queryKey: reportKeys.drilldown(input ?? ({} as DrillInput)),
    queryFn: () => api.call('reports.drilldown', input!),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });
}

export function useRunReport(spec: ReportSpecInput | null, seq: number) {
  return useQuery({
    queryKey: reportKeys.run(spec ?? ({} as ReportSpecInput), seq),
    queryFn: () => api.call('reports.run', spec!),
    enabled: spec !== null,
    retry: false,
  });
}

export function useSavedReports() {
  return useQuery({ queryKey: reportKeys.saved, queryFn: () => api.call('reports.saved.list'), retry: false });
}

export function useSaveReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: number; name: string; deptId: number | null; spec: ReportSpecInput }) => api.call('reports.saved.save', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: reportKeys.saved }),
  });
}

export function useDeleteReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.call('reports.saved.delete', { id }),
    onSuccess: () => qc.invalidateQueries({ queryKey: reportKeys.saved }),
  });
}
