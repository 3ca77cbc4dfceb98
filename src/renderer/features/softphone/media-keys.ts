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
