import { canShow, decodeInput, encodeOutput, USAGE, type Control, type OutputReport, type TelephonyLayout } from './hid-report';
import type { CallPhase } from './state';

// What the headset's buttons mean for the call, and what its LEDs show. Headsets resend their
// state with every report (the hook bit rides along with a mute press), so only changes count.
//
// Hook switch, absolute (Jabra, most Poly): the report says on- or off-hook. We keep the state
// we believe the headset is in; whenever we set its Off-Hook LED the headset takes that state
// (and echoes it, which is then no change). So a change we did not cause is the nurse pressing
// the button: answer while it rings, hang up while a call is live. A headset without LEDs keeps
// its own state, which can drift from the call's: a change either way is still a press.
// Hook switch or mute, relative: each 0 → 1 is one press.
// Mute, absolute: the headset's mute state; toggle when it differs from the call's.

/** The softphone as the headset sees it: SoftphoneController fits. */
export interface HeadsetPhone {
  getSnapshot(): { state: { call: { phase: CallPhase; muted: boolean } | null } };
  subscribe(fn: () => void): () => void;
  answer(): void;
  hangup(): void;
  toggleMute(): void;
}

export interface Leds {
  offHook: boolean;
  mute: boolean;
  ring: boolean;
}

const LIVE: ReadonlySet<CallPhase> = new Set(['dialling', 'ringing', 'connecting', 'connected']);

export function ledsFor(call: { phase: CallPhase; muted: boolean } | null): Leds {
  const live = !!call && LIVE.has(call.phase);
  return { offHook: live, mute: live && !!call?.muted, ring: call?.phase === 'incoming' };
}

const sameLeds = (a: Leds, b: Leds) => a.offHook === b.offHook && a.mute === b.mute && a.ring === b.ring;

export class HeadsetCalls {
  /** The hook state we believe the headset is in. */
  private hook: boolean;
  /** An absolute mute control's last state; null until it reports or we set its LED. */
  private muted: boolean | null = null;
  /** Relative controls currently held down, for their 0 → 1 edges. */
  private down = new Set<number>();
  private shown: Leds | null = null;
  private readonly offHookLed: boolean;
  private readonly muteLed: boolean;

  constructor(
    private readonly layout: TelephonyLayout,
    private readonly phone: HeadsetPhone,
    private readonly send: (report: OutputReport) => void,
  ) {
    this.offHookLed = canShow(layout, USAGE.ledOffHook);
    this.muteLed = canShow(layout, USAGE.ledMute);
    this.hook = ledsFor(this.call()).offHook;
  }

  private call() {
    return this.phone.getSnapshot().state.call;
  }

  /** An input report from the headset (event.reportId, event.data). */
  input(reportId: number, data: DataView): void {
    const controls = decodeInput(this.layout, reportId, data);
    const hook = controls.get(USAGE.hookSwitch);
    if (hook) this.onHook(hook);
    const mute = controls.get(USAGE.phoneMute);
    if (mute) this.onMute(mute);
    // Flash and Redial are decoded but not acted on: some headsets send Redial with the hook
    // switch when answering, and Flash swaps between two calls, which this softphone never has.
  }

  /** The call changed (or the headset was just opened): show it on the LEDs. */
  follow(force = false): void {
    const leds = ledsFor(this.call());
    if (!force && this.shown && sameLeds(this.shown, leds)) return;
    this.shown = leds;
    const values = new Map<number, boolean>([
      [USAGE.ledOffHook, leds.offHook],
      [USAGE.ledMute, leds.mute],
      [USAGE.ledRing, leds.ring],
      [USAGE.ringer, leds.ring],
    ]);
    const reports = encodeOutput(this.layout, values);
    if (!reports.length) return;
    // The headset takes the state we set: its echo is then no change, and a press is.
    if (this.offHookLed) this.hook = leds.offHook;
    if (this.muteLed) this.muted = leds.mute;
    for (const r of reports) this.send(r);
  }

  /** Turn the LEDs off before the device is closed, so it does not look busy. */
  clear(): void {
    if (!this.shown || sameLeds(this.shown, { offHook: false, mute: false, ring: false })) return;
    this.shown = { offHook: false, mute: false, ring: false };
    const off = new Map([USAGE.ledOffHook, USAGE.ledMute, USAGE.ledRing, USAGE.ringer].map((u) => [u, false]));
    for (const r of encodeOutput(this.layout, off)) this.send(r);
  }

  private pressed(usage: number, on: boolean): boolean {
    const was = this.down.has(usage);
    if (on) this.down.add(usage);
    else this.down.delete(usage);
    return on && !was;
  }

  private onHook(c: Control): void {
    const on = c.value !== 0;
    if (c.absolute) {
      if (on === this.hook) return;
      this.hook = on;
    } else if (!this.pressed(USAGE.hookSwitch, on)) return;
    const call = this.call();
    if (call?.phase === 'incoming') this.phone.answer();
    else if (call && LIVE.has(call.phase)) this.phone.hangup();
    // Nothing to answer or end: put the headset back in step with the call.
    else this.follow(true);
  }

  private onMute(c: Control): void {
    const on = c.value !== 0;
    if (!c.absolute) {
      if (!this.pressed(USAGE.phoneMute, on)) return;
      // Only a connected call has a microphone to mute; otherwise undo the headset's own toggle.
      if (this.call()?.phase === 'connected') this.phone.toggleMute();
      else this.follow(true);
      return;
    }
    if (on === this.muted) return;
    this.muted = on;
    const call = this.call();
    if (call?.phase === 'connected' && call.muted !== on) this.phone.toggleMute();
  }
}
