import type { SoftphoneApi } from './deps';
import type { SoftphoneStore } from './softphone-store';

// The caller's record on an incoming call: main looks the number up among the patients; the
// only match is chosen at once, several are offered to the nurse (IncomingCall.tsx). A lookup
// answering after the pop moved on to another call changes nothing.

export interface ScreenPopHooks {
  api: SoftphoneApi;
  store: SoftphoneStore;
  /** The one patient with this number (and her open task): linked as if the nurse chose her. */
  only(patientId: number, taskId: number | null): void;
  /** The lookup failed: the nurse is told, the pop shows the caller as unknown. */
  failed(error: unknown): void;
}

export class ScreenPopper {
  constructor(private readonly h: ScreenPopHooks) {}

  show(uid: string, number: string): void {
    const { store } = this.h;
    store.set({ screenPop: { uid, number, loading: true, matches: [], chosen: null } });
    const mine = () => {
      const pop = store.getSnapshot().screenPop;
      return pop?.uid === uid ? pop : null;
    };
    this.h.api.call('calls.lookupCaller', { number: number || '0' }).then(
      (matches) => {
        const pop = mine();
        if (!pop) return;
        store.set({ screenPop: { ...pop, loading: false, matches } });
        if (matches.length === 1) this.h.only(matches[0].patientId, matches[0].openTaskId);
      },
      (error: unknown) => {
        const pop = mine();
        if (!pop) return;
        store.set({ screenPop: { ...pop, loading: false } });
        this.h.failed(error);
      },
    );
  }

  /** The nurse picked who is calling (or it was the only match). */
  choose(patientId: number | null): void {
    const pop = this.h.store.getSnapshot().screenPop;
    if (pop) this.h.store.set({ screenPop: { ...pop, chosen: patientId } });
  }

  clear(): void {
    this.h.store.set({ screenPop: null });
  }
}
