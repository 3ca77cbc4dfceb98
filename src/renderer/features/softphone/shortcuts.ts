import { useEffect } from 'react';
import type { SoftphoneController } from './controller';
import { isLive } from './state';

// Alt+A answer, Alt+H hang up (or decline), Alt+M mute, Alt+O hold. Alt, because the nurse
// types in forms all day and plain letters or F-keys collide with the browser.
export function useSoftphoneShortcuts(controller: SoftphoneController): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      const call = controller.getSnapshot().state.call;
      const act: Record<string, () => void> = {
        KeyA: () => call?.phase === 'incoming' && controller.answer(),
        KeyH: () => isLive(call) && controller.hangup(),
        KeyM: () => controller.toggleMute(),
        KeyO: () => controller.toggleHold(),
      };
      const fn = act[e.code];
      if (!fn) return;
      e.preventDefault();
      fn();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller]);
}

/** Headsets that present as media keys (many USB ones) reach the softphone through the Media Session API. */
export function bindMediaSessionKeys(phone: { hangup(): void; toggleMute(): void }): void {
  const session = (navigator as Navigator & { mediaSession?: { setActionHandler(a: string, h: (() => void) | null): void } }).mediaSession;
  const bind = (name: string, fn: () => void) => {
    try {
      session?.setActionHandler(name, fn);
    } catch {
      // this browser does not know the action
    }
  };
  bind('hangup', () => phone.hangup());
  bind('togglemicrophone', () => phone.toggleMute());
}
