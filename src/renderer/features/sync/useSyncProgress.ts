import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { SyncProgress } from '../../../shared/model';
import { api } from '../../api/client';
import { invalidateAfterSync } from './mutations';

export interface LiveRun {
  runId: number;
  status: SyncProgress['status'];
  /** In the order the server first reported each entity. */
  entities: SyncProgress[];
}

// The server reports entities as it reaches them (none for an entity with nothing to read)
// and ends with one event without an entity that carries the run's final status.
function apply(prev: LiveRun | null, p: SyncProgress): LiveRun {
  const base = prev && prev.runId === p.runId ? prev : { runId: p.runId, status: p.status, entities: [] };
  if (!p.entity) return { ...base, status: p.status };
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
      }),
    [qc],
  );

  return live;
}
