import { useEffect } from 'react';
import { isLive, type CallState } from './state';

/** The softphone as the keyboard sees it: SoftphoneController fits. */
export interface ShortcutPhone {
  getSnapshot(): { state: { call: CallState | null } };
  answer(): void;
  hangup(): void;
  toggleMute(): void;
  toggleHold(): void;
}

// Alt+A answer, Alt+H hang up (or decline), Alt+M mute, Alt+O hold. Alt, because the nurse
// types in forms all day and plain letters or F-keys collide with the browser.
export function useSoftphoneShortcuts(phone: ShortcutPhone): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      const call = phone.getSnapshot().state.call;
      const act: Record<string, () => void> = {
        KeyA: () => call?.phase === 'incoming' && phone.answer(),
        KeyH: () => isLive(call) && phone.hangup(),
        KeyM: () => phone.toggleMute(),
        KeyO: () => phone.toggleHold(),
      };
      const fn = act[e.code];
      if (!fn) return;
      e.preventDefault();
      fn();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [phone]);
}
