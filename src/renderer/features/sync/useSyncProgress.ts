import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { SyncProgress } from '../../../shared/model';
import { api } from '../../api/client';
import { invalidateAfterSync } from './mutations';
import { syncKeys } from './queries';

export interface LiveRun {
  runId: number;
  status: SyncProgress['status'];
  /** In the order the server first reported each entity. */
  entities: SyncProgress[];
}

function apply(prev: LiveRun | null, p: SyncProgress): LiveRun {
  const base = prev && prev.runId === p.runId ? prev : { runId: p.runId, status: p.status, entities: [] };
  const i = base.entities.findIndex((e) => e.entity === p.entity);
  const entities = i < 0 ? [...base.entities, p] : base.entities.map((e, j) => (j === i ? p : e));
  return { runId: p.runId, status: p.status, entities };
}

/** Live progress of the newest run, fed by the server's `sync.progress` events. */
export function useSyncProgress(): LiveRun | null {
  const qc = useQueryClient();
  const [live, setLive] = useState<LiveRun | null>(null);

  useEffect(
    () =>
      api.on('sync.progress', (p) => {
        setLive((prev) => apply(prev, p));
        if (p.status !== 'running') void invalidateAfterSync(qc);
        else if (p.done) void qc.invalidateQueries({ queryKey: syncKeys.runs });
      }),
    [qc],
  );

  return live;
}
