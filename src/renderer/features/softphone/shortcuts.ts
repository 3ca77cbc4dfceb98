import { useEffect } from 'react';
import type { SoftphoneController } from './controller';

// Alt+A answer, Alt+H hang up (or decline), Alt+M mute, Alt+O hold. Alt, because the nurse
// types in forms all day and plain letters or F-keys collide with the browser.
export function useSoftphoneShortcuts(controller: SoftphoneController): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      const call = controller.getSnapshot().state.call;
      const act: Record<string, () => void> = {
        KeyA: () => call?.phase === 'incoming' && controller.answer(),
        KeyH: () => call && call.phase !== 'ended' && controller.hangup(),
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
