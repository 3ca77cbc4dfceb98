import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ExportKind, ExportProgress } from '../../../shared/contract/reports';
import { api } from '../../api/client';

export const exportKeys = { list: ['exports', 'list'] as const };

export interface StartExport {
  kind: ExportKind;
  format: 'xlsx' | 'csv' | 'fhir';
  params: Record<string, unknown>;
}

export function useExports() {
  return useQuery({
    queryKey: exportKeys.list,
    queryFn: () => api.call('exports.list'),
    retry: false,
    // Events carry the live figures; the poll only catches a missed final event.
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === 'running') ? 3_000 : false),
  });
}

export function useStartExport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: StartExport) => api.call('exports.start', input),
    onSuccess: () => qc.invalidateQueries({ queryKey: exportKeys.list }),
  });
}

export function useCancelExport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (exportId: number) => api.call('exports.cancel', { exportId }),
    onSuccess: () => qc.invalidateQueries({ queryKey: exportKeys.list }),
  });
}

/** Live progress per export from the server's `export.progress` events; a finished one refreshes the list. */
export function useExportProgress(): Map<number, ExportProgress> {
  const qc = useQueryClient();
  const [live, setLive] = useState(() => new Map<number, ExportProgress>());
  useEffect(
    () =>
      api.on('export.progress', (p) => {
        setLive((prev) => new Map(prev).set(p.exportId, p));
        if (p.status !== 'running') void qc.invalidateQueries({ queryKey: exportKeys.list });
      }),
    [qc],
  );
  return live;
}
