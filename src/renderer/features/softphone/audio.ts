import { routeTo } from './devices';

// Tones made with WebAudio (no sound files to ship or allow in the CSP) and played through an
// <audio> element, because only a media element can be routed to a chosen device (setSinkId):
// the ring on the ring device, ringback and the test tone on the headset.

export type Tone = 'ring' | 'ringback' | 'test';

let sharedContext: AudioContext | null = null;
export function audioContext(): AudioContext {
  if (!sharedContext || sharedContext.state === 'closed') sharedContext = new AudioContext();
  if (sharedContext.state === 'suspended') void sharedContext.resume();
  return sharedContext;
}

/** One cadence period: [frequencies, seconds on, seconds off]. */
const CADENCE: Record<Tone, { freqs: number[]; on: number; off: number; repeat: boolean }> = {
  // A soft two-tone ring, 1 s on / 2 s off.
  ring: { freqs: [650, 850], on: 1, off: 2, repeat: true },
  // The Chinese ringback tone: 450 Hz, 1 s on / 4 s off.
  ringback: { freqs: [450], on: 1, off: 4, repeat: true },
  test: { freqs: [1000], on: 1.5, off: 0, repeat: false },
};

export class TonePlayer {
  private el: HTMLAudioElement;
  private stopFn: (() => void) | null = null;

  constructor(testId: string) {
    this.el = document.createElement('audio');
    this.el.dataset.testid = testId;
    this.el.hidden = true;
    document.body.appendChild(this.el);
  }

  get playing(): boolean {
    return this.stopFn !== null;
  }

  async play(tone: Tone, deviceId: string): Promise<void> {
    this.stop();
    const ctx = audioContext();
    const dest = ctx.createMediaStreamDestination();
    const gain = ctx.createGain();
    gain.gain.value = 0;
    gain.connect(dest);
    const oscs = CADENCE[tone].freqs.map((f) => {
      const o = ctx.createOscillator();
      o.frequency.value = f;
      o.connect(gain);
      o.start();
      return o;
    });
    const { on, off, repeat } = CADENCE[tone];
    const level = 0.2 / oscs.length;
    // Schedule a minute of cadence ahead; a ring is answered or given up long before.
    const t0 = ctx.currentTime + 0.02;
    const periods = repeat ? Math.ceil(60 / (on + off)) : 1;
    for (let i = 0; i < periods; i++) {
      const start = t0 + i * (on + off);
      gain.gain.setValueAtTime(level, start);
      gain.gain.setValueAtTime(0, start + on);
    }
    const timer = repeat ? null : setTimeout(() => this.stop(), (on + 0.1) * 1000);
    this.stopFn = () => {
      if (timer) clearTimeout(timer);
      oscs.forEach((o) => o.stop());
      gain.disconnect();
      this.el.pause();
      this.el.srcObject = null;
    };
    this.el.srcObject = dest.stream;
    await routeTo(this.el, deviceId).catch(() => undefined);
    await this.el.play().catch(() => undefined);
    // What last played, and where (sinkId): for support, and for the tests.
    this.el.dataset.tone = tone;
  }

  stop(): void {
    const stop = this.stopFn;
    this.stopFn = null;
    stop?.();
  }

  dispose(): void {
    this.stop();
    this.el.remove();
  }
}

/** Live microphone level, 0..1, from an AnalyserNode; calls back about 10 times a second. */
export function meterLevel(stream: MediaStream, onLevel: (level: number) => void): () => void {
  const ctx = audioContext();
  const source = ctx.createMediaStreamSource(stream);
  const analyser = ctx.createAnalyser();
  // A window longer than the 100 ms between reads, so no syllable (or test beep) falls
  // between two of them; the shown level decays like a VU meter's needle.
  analyser.fftSize = 8192;
  source.connect(analyser);
  const buf = new Float32Array(analyser.fftSize);
  let shown = 0;
  const timer = setInterval(() => {
    analyser.getFloatTimeDomainData(buf);
    let peak = 0;
    for (const v of buf) peak = Math.max(peak, Math.abs(v));
    const next = Math.max(Math.min(1, peak), shown * 0.7);
    // Repaint only for a visible change.
    if (Math.abs(next - shown) < 0.01 && next > 0.001) return;
    shown = next < 0.001 ? 0 : next;
    onLevel(shown);
  }, 100);
  return () => {
    clearInterval(timer);
    source.disconnect();
  };
}
