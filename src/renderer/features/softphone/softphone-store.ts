import type { CallerMatch } from '../../../shared/contract/calls';
import type { DeviceSnapshot } from './device-manager';
import type { SoftphoneState } from './state';

// What React reads of the softphone (useSyncExternalStore, see SoftphoneProvider): one immutable
// snapshot, replaced on every change, and the notices waiting to be shown to the nurse.

export interface ScreenPop {
  uid: string;
  number: string;
  loading: boolean;
  matches: CallerMatch[];
  chosen: number | null;
}

/**
 * A message for the nurse: `key` is an i18n key; `error`, when given, fills its {{error}}.
 * 'error': something she must act on (a call that was not saved); 'warning': for her information.
 */
export interface Notice {
  id: number;
  key: string;
  level: 'warning' | 'error';
  params?: Record<string, string>;
  error?: unknown;
}

export interface SoftphoneSnapshot {
  state: SoftphoneState;
  screenPop: ScreenPop | null;
  devices: DeviceSnapshot;
  notices: Notice[];
}

export class SoftphoneStore {
  private snap: SoftphoneSnapshot;
  private readonly listeners = new Set<() => void>();
  private seq = 0;

  constructor(initial: SoftphoneSnapshot) {
    this.snap = initial;
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): SoftphoneSnapshot => this.snap;

  set(patch: Partial<SoftphoneSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const fn of this.listeners) fn();
  }

  notice(n: Omit<Notice, 'id'>): void {
    this.set({ notices: [...this.snap.notices, { ...n, id: ++this.seq }] });
  }

  /** Shown: the UI takes it off the list. */
  dismissNotice(id: number): void {
    this.set({ notices: this.snap.notices.filter((n) => n.id !== id) });
  }
}
