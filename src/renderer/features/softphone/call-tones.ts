import { TonePlayer } from './audio';
import type { ResolvedDevices } from './devices';
import type { CallState } from './state';

// The tones the softphone plays itself: the ring of an incoming call on the ring device, and
// the ringback of an outgoing one on the speaker, started and stopped by the call's phase.

const RINGBACK_DELAY_MS = 400;

export class CallTones {
  private readonly ring = new TonePlayer('softphone-ring');
  private readonly ringback = new TonePlayer('softphone-ringback');

  /** `current`: the call as it is now, for the delayed ringback. */
  constructor(private readonly current: () => CallState | null) {}

  /** After every change of the call. */
  follow(was: CallState | null, call: CallState, devices: Pick<ResolvedDevices, 'ring' | 'speaker'>): void {
    const entered = (phase: CallState['phase']) => call.phase === phase && was?.phase !== phase;
    if (entered('incoming')) void this.ring.play('ring', devices.ring);
    // Local ringback a moment after the 180: a phone answered at once never blips, and the
    // audio output is not opened while the answer is on its way.
    if (entered('ringing') && call.direction === 'outbound') {
      setTimeout(() => {
        const now = this.current();
        if (now?.uid === call.uid && now.phase === 'ringing') void this.ringback.play('ringback', devices.speaker);
      }, RINGBACK_DELAY_MS);
    }
    if (entered('connecting') || entered('connected') || entered('ended')) {
      this.ring.stop();
      this.ringback.stop();
    }
  }

  dispose(): void {
    this.ring.dispose();
    this.ringback.dispose();
  }
}
