import { useCallback, useEffect, useRef, useState } from 'react';
import type { WarningColour } from '../../../shared/contract/followup';
import type { Answers } from '../../../shared/questionnaire';
import { api } from '../../api/client';
import { serverStamp } from '../../app/server-clock';

// Drafts are saved as she types: 300 ms after the last change, with a sequence number that only
// grows, so main ignores a save that arrives after a newer one. A pending save is flushed when
// the window is hidden or closed; a reload then restores every answer from followup.open.

export type DraftStatus = 'idle' | 'dirty' | 'saving' | 'saved' | 'error';
export interface DraftState {
  status: DraftStatus;
  savedAt: string | null;
  /** The task's colour as main last computed it (turns red as soon as a red trigger fires). */
  taskColour: WarningColour | null | undefined;
}

const DEBOUNCE_MS = 300;
const stamp = () => serverStamp(Date.now()).slice(11);

export function useDraftSaver(taskId: number, enabled: boolean) {
  const [state, setState] = useState<DraftState>({ status: 'idle', savedAt: null, taskColour: undefined });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<Answers | null>(null);
  const lastSeq = useRef(0);
  const newest = useRef(0);
  const stopped = useRef(false);

  const save = useCallback(async () => {
    timer.current = null;
    const answers = pending.current;
    if (!answers || stopped.current) return;
    pending.current = null;
    // Date.now() survives a reload (a fresh counter would restart below the stored seq).
    const seq = Math.max(Date.now(), lastSeq.current + 1);
    lastSeq.current = seq;
    newest.current = seq;
    setState((s) => ({ ...s, status: 'saving' }));
    try {
      const r = await api.call('followup.saveDraft', { taskId, answers, seq });
      if (newest.current === seq && !pending.current) setState({ status: 'saved', savedAt: stamp(), taskColour: r.taskColour });
    } catch {
      if (newest.current === seq && !stopped.current) setState((s) => ({ ...s, status: 'error' }));
    }
  }, [taskId]);

  const schedule = useCallback(
    (answers: Answers) => {
      if (!enabled || stopped.current) return;
      pending.current = answers;
      setState((s) => ({ ...s, status: 'dirty' }));
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
    },
    [enabled, save],
  );

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    if (pending.current) void save();
  }, [save]);

  /** After completing: nothing more may be written to a closed task. */
  const stop = useCallback(() => {
    stopped.current = true;
    if (timer.current) clearTimeout(timer.current);
    pending.current = null;
  }, []);

  useEffect(() => {
    const onHide = () => flush();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      flush();
    };
  }, [flush]);

  return { state, schedule, flush, stop };
}
