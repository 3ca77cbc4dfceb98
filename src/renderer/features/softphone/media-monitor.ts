// Watches a call's media once a second: ICE/DTLS state and whether audio keeps arriving.
// A call whose media is gone must be reported, not kept up silently: a stall (no inbound
// audio for 4 s while nobody is on hold) warns the nurse; a failed connection (ICE consent
// lost) ends the call. A long silence alone never hangs up: some gateways suppress silence.

const STALL_MS = 4000;

export interface MonitorHooks {
  /** True while we hold the call: no inbound audio is expected then. */
  paused(): boolean;
  onMedia(state: 'ok' | 'stalled' | 'lost'): void;
  onRemoteHold(on: boolean): void;
  /** The media is gone for good: end the call. */
  onLost(): void;
}

export class MediaMonitor {
  private timer: ReturnType<typeof setInterval>;
  private lastBytes = -1;
  private lastChange = performance.now();
  private reported: 'ok' | 'stalled' | 'lost' = 'ok';
  private remoteHold = false;

  constructor(
    private readonly pc: RTCPeerConnection,
    private readonly hooks: MonitorHooks,
  ) {
    this.timer = setInterval(() => void this.tick(), 1000);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private report(state: 'ok' | 'stalled' | 'lost'): void {
    if (state === this.reported) return;
    this.reported = state;
    this.hooks.onMedia(state);
    if (state === 'lost') {
      this.stop();
      this.hooks.onLost();
    }
  }

  private async tick(): Promise<void> {
    const dir = this.pc.getTransceivers().find((t) => t.receiver.track.kind === 'audio')?.currentDirection;
    const remoteHold = dir === 'recvonly' || dir === 'inactive';
    if (remoteHold !== this.remoteHold) {
      this.remoteHold = remoteHold;
      this.hooks.onRemoteHold(remoteHold);
    }
    if (this.pc.connectionState === 'failed') return this.report('lost');
    let bytes = 0;
    (await this.pc.getStats()).forEach((s: { type: string; kind?: string; bytesReceived?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') bytes += s.bytesReceived ?? 0;
    });
    const now = performance.now();
    if (bytes !== this.lastBytes || this.hooks.paused() || this.remoteHold) {
      this.lastBytes = bytes;
      this.lastChange = now;
      return this.report('ok');
    }
    if (now - this.lastChange >= STALL_MS || this.pc.connectionState === 'disconnected') this.report('stalled');
  }
}
