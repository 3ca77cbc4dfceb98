import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { User } from '../../../shared/model';
import { api } from '../../api/client';
import { createVoiceAdapter } from './adapter-factory';
import { SoftphoneController, type SoftphoneSnapshot } from './controller';
import { headsetFor } from './headset-hid';
import './i18n';
import './i18n-failures';
import './i18n-voice';
import { callKeys } from './queries';
import { uploadRecording } from './recording-io';
import { keepSessionDuringCalls } from './session-keepalive';

const Ctx = createContext<SoftphoneController | null>(null);

/**
 * One softphone per signed-in user, mounted by the app shell so a call survives moving between
 * screens and an incoming call pops up wherever the nurse is.
 */
export function SoftphoneProvider({ user, children }: { user: User; children: ReactNode }) {
  const [controller] = useState(() => new SoftphoneController({ api, createAdapter: createVoiceAdapter, uploadRecording }));
  const qc = useQueryClient();
  // Call lists (history, missed calls, the timeline's) show a call once main has stored its end.
  // The remembered headset's buttons work on every screen, as the softphone does.
  useEffect(() => headsetFor(controller).acquire(), [controller]);
  useEffect(() => controller.onCallEnded(() => void qc.invalidateQueries({ queryKey: callKeys.calls })), [controller, qc]);
  useEffect(
    () =>
      keepSessionDuringCalls(
        () => controller.getSnapshot().state.call,
        () => void api.call('auth.me').catch(() => undefined),
      ),
    [controller],
  );
  useEffect(() => {
    void controller.start();
    // A WebSocket refused by the CSP fails without an error sip.js could report.
    const onViolation = (e: SecurityPolicyViolationEvent) => {
      if (/^wss?:/.test(e.blockedURI)) controller.blocked(`${e.violatedDirective} ${e.blockedURI}`);
    };
    document.addEventListener('securitypolicyviolation', onViolation);
    // Test and support hook: the SIP ladder and state, read-only, for diagnostics.
    (window as unknown as { __softphone?: unknown }).__softphone = { snapshot: controller.getSnapshot, ladder: () => controller.ladder };
    return () => {
      document.removeEventListener('securitypolicyviolation', onViolation);
      controller.dispose();
    };
  }, [controller, user.id]);
  return <Ctx.Provider value={controller}>{children}</Ctx.Provider>;
}

export function useSoftphoneController(): SoftphoneController {
  const c = useContext(Ctx);
  if (!c) throw new Error('useSoftphoneController outside <SoftphoneProvider>');
  return c;
}

/**
 * One slice of the softphone's state; the component re-renders only when that slice changes
 * (by `equal`: shallowEqual for a view object built by the selector). A screen re-rendered on
 * every SIP event would hold up the call's own work on a busy PC.
 */
export function useSoftphoneSelector<T>(select: (s: SoftphoneSnapshot) => T, equal: (a: T, b: T) => boolean = Object.is): T {
  const controller = useSoftphoneController();
  const last = useRef<{ value: T } | null>(null);
  return useSyncExternalStore(controller.subscribe, () => {
    const next = select(controller.getSnapshot());
    if (last.current && equal(last.current.value, next)) return last.current.value;
    last.current = { value: next };
    return next;
  });
}

/** For selectors that build a small view object: equal when every field is. */
export function shallowEqual<T extends object>(a: T, b: T): boolean {
  const ka = Object.keys(a) as (keyof T)[];
  return ka.length === Object.keys(b).length && ka.every((k) => Object.is(a[k], b[k]));
}
