import { describe, expect, it } from 'vitest';
import { HeadsetCalls, type HeadsetPhone } from '../../src/renderer/features/softphone/headset-calls';
import { HeadsetHid } from '../../src/renderer/features/softphone/headset-hid';
import { decodeInput, encodeOutput, hasTelephony, telephonyLayout, usage, USAGE, type TelephonyLayout } from '../../src/renderer/features/softphone/hid-report';
import type { CallPhase } from '../../src/renderer/features/softphone/state';
import { collection, FakeHid, FakeHidDevice, item, jabra, JABRA_COLLECTIONS } from '../helpers/webhid-fakes';

// Headset buttons over WebHID: the report decoder on a Jabra-style descriptor and others, the
// buttons' meaning for the call (with a headset that echoes its Off-Hook LED, as Jabra's do),
// and the device's life (connect, reopen at start, unplug, disconnect) with a fake navigator.hid.

const view = (bytes: number[]) => new DataView(new Uint8Array(bytes).buffer);
const values = (layout: TelephonyLayout, reportId: number, bytes: number[]) =>
  Object.fromEntries([...decodeInput(layout, reportId, view(bytes))].map(([u, c]) => [u.toString(16), c]));
const HOOK = USAGE.hookSwitch.toString(16);
const MUTE = USAGE.phoneMute.toString(16);
const jabraLayout = () => telephonyLayout(JABRA_COLLECTIONS)!;

describe('telephony report layout of a Jabra headset', () => {
  it('reads the hook switch (absolute, bit 0) and phone mute (relative, bit 2) of report 2', () => {
    const l = jabraLayout();
    expect(values(l, 2, [0x01, 0x00])).toMatchObject({ [HOOK]: { value: 1, absolute: true }, [MUTE]: { value: 0, absolute: false } });
    expect(values(l, 2, [0x04, 0x00])).toMatchObject({ [HOOK]: { value: 0 }, [MUTE]: { value: 1 } });
    expect(values(l, 2, [0x05, 0x00])).toMatchObject({ [HOOK]: { value: 1 }, [MUTE]: { value: 1 } });
    expect(values(l, 2, [0x18, 0x00])).toMatchObject({
      [USAGE.flash.toString(16)]: { value: 1 },
      [USAGE.redial.toString(16)]: { value: 1 },
      [HOOK]: { value: 0 },
    });
  });

  it('is not fooled by Line Busy, Button 7 or a key-pad digit in the same report', () => {
    // Line Busy (bit 1), Button 7 (bit 6), key 5 in the 4-bit array at bits 7–10.
    expect(values(jabraLayout(), 2, [0x42 | 0x80, 0x02])).toMatchObject({ [HOOK]: { value: 0 }, [MUTE]: { value: 0 } });
  });

  it("ignores the other collections' reports, unknown ids and short reports", () => {
    const l = jabraLayout();
    expect(decodeInput(l, 1, view([0x01])).size).toBe(0); // Volume Increment, same bit as the hook switch
    expect(decodeInput(l, 5, view(new Array(63).fill(0xff))).size).toBe(0);
    expect(decodeInput(l, 7, view([0xff, 0xff])).size).toBe(0);
    expect(decodeInput(l, 2, view([])).get(USAGE.hookSwitch)).toBeUndefined();
  });

  it('writes the Off-Hook, Mute, Ring LEDs and the Ringer at their bits of output report 2', () => {
    const l = jabraLayout();
    const out = (on: number[]) => encodeOutput(l, new Map([USAGE.ledOffHook, USAGE.ledMute, USAGE.ledRing, USAGE.ringer].map((x) => [x, on.includes(x)])));
    expect(out([USAGE.ledOffHook, USAGE.ledMute]).map((r) => [r.reportId, ...r.data])).toEqual([[2, 0x03, 0x00]]);
    expect(out([USAGE.ledRing, USAGE.ringer]).map((r) => [r.reportId, ...r.data])).toEqual([[2, 0x24, 0x00]]);
    expect(out([]).map((r) => [r.reportId, ...r.data])).toEqual([[2, 0x00, 0x00]]);
  });

  it('finds nothing in a device without a Telephony collection', () => {
    const keyboardish = [collection(0x0c, 0x01, { inputReports: [{ reportId: 1, items: [item({ usages: [usage(0x0c, 0xe9)], reportCount: 8 })] }] })];
    expect(hasTelephony(keyboardish)).toBe(false);
    expect(telephonyLayout(keyboardish)).toBeNull();
  });
});

describe('other report layouts', () => {
  it('computes offsets past other pages and padding, without report ids (id 0), absolute mute', () => {
    const l = telephonyLayout([
      collection(0x0b, 0x05, {
        inputReports: [
          {
            reportId: 0,
            items: [
              item({ usages: [usage(0x0c, 0xe9), usage(0x0c, 0xea)], reportCount: 2 }),
              item({ isConstant: true, reportCount: 6 }),
              item({ usages: [USAGE.hookSwitch, USAGE.phoneMute], reportCount: 2 }),
              item({ isConstant: true, reportCount: 6 }),
            ],
          },
        ],
      }),
    ])!;
    expect(values(l, 0, [0xff, 0x02])).toEqual({ [HOOK]: { value: 0, absolute: true }, [MUTE]: { value: 1, absolute: true } });
    expect(values(l, 0, [0x00, 0x01])).toEqual({ [HOOK]: { value: 1, absolute: true }, [MUTE]: { value: 0, absolute: true } });
  });

  it('reads buttons declared as an array (indexes into the usage list, out of range is null)', () => {
    const l = telephonyLayout([
      collection(0x0b, 0x05, {
        inputReports: [
          {
            reportId: 3,
            items: [
              item({
                isArray: true,
                hasNull: true,
                usages: [USAGE.hookSwitch, USAGE.flash, USAGE.phoneMute],
                reportSize: 2,
                reportCount: 2,
                logicalMinimum: 1,
                logicalMaximum: 3,
              }),
              item({ isConstant: true, reportCount: 4 }),
            ],
          },
        ],
      }),
    ])!;
    // slot 0 = 1 (Hook Switch), slot 1 = 3 (Phone Mute)
    expect(values(l, 3, [0b1101])).toMatchObject({ [HOOK]: { value: 1 }, [MUTE]: { value: 1 }, [USAGE.flash.toString(16)]: { value: 0 } });
    expect(values(l, 3, [0x00])).toMatchObject({ [HOOK]: { value: 0 }, [MUTE]: { value: 0 } });
  });

  it('reads a usage range of variable fields (Hook Switch, Flash)', () => {
    const l = telephonyLayout([
      collection(0x0b, 0x05, {
        inputReports: [{ reportId: 4, items: [item({ isRange: true, usageMinimum: USAGE.hookSwitch, usageMaximum: USAGE.flash, reportCount: 2 })] }],
      }),
    ])!;
    expect(values(l, 4, [0x02])).toMatchObject({ [HOOK]: { value: 0 }, [USAGE.flash.toString(16)]: { value: 1 } });
  });
});

/** The softphone as the headset sees it: answer connects, hangup ends, mute toggles in a connected call. */
class FakePhone implements HeadsetPhone {
  call: { phase: CallPhase; muted: boolean } | null = null;
  log: string[] = [];
  private listeners = new Set<() => void>();
  getSnapshot = () => ({ state: { call: this.call } });
  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };
  set(phase: CallPhase | null, muted = false): void {
    this.call = phase ? { phase, muted } : null;
    for (const fn of this.listeners) fn();
  }
  answer(): void {
    this.log.push('answer');
    this.set('connected');
  }
  hangup(): void {
    this.log.push('hangup');
    this.set('ended');
  }
  toggleMute(): void {
    this.log.push('toggleMute');
    if (this.call?.phase === 'connected') this.set('connected', !this.call.muted);
  }
}

/** HeadsetCalls on the Jabra layout; `echo`: the headset answers each Off-Hook LED with its hook switch. */
function wire(layout: TelephonyLayout | null = jabraLayout(), echo = false) {
  const phone = new FakePhone();
  const sent: number[][] = [];
  const calls: HeadsetCalls = new HeadsetCalls(layout!, phone, (r) => {
    sent.push([r.reportId, ...r.data]);
    if (echo) calls.input(2, view([r.data[0] & 0x01, 0x00]));
  });
  phone.subscribe(() => calls.follow());
  calls.follow(true);
  const press = (...bytes: number[]) => calls.input(2, view(bytes));
  return { phone, sent, calls, press, last: () => sent.at(-1) };
}

describe('headset buttons drive the call', () => {
  it('off-hook while ringing answers, once however often the headset repeats it', () => {
    const { phone, press, last } = wire();
    phone.set('incoming');
    expect(last()).toEqual([2, 0x24, 0x00]); // Ring LED + Ringer
    press(0x01, 0x00);
    press(0x01, 0x00);
    press(0x01, 0x00);
    expect(phone.log).toEqual(['answer']);
    expect(last()).toEqual([2, 0x01, 0x00]); // Off-Hook acknowledged
  });

  it('each mute press toggles once: held and resent reports do not count', () => {
    const { phone, press, last } = wire();
    phone.set('connected');
    press(0x05, 0x00); // hook still off, mute pressed
    press(0x05, 0x00); // resent while held
    expect(last()).toEqual([2, 0x03, 0x00]); // Off-Hook + Mute LEDs
    press(0x01, 0x00); // released
    press(0x05, 0x00); // pressed again: unmute
    expect(phone.log).toEqual(['toggleMute', 'toggleMute']);
    expect(phone.call).toEqual({ phase: 'connected', muted: false });
    expect(last()).toEqual([2, 0x01, 0x00]);
  });

  it('on-hook during a call hangs up, once', () => {
    const { phone, press, last } = wire();
    phone.set('connected');
    press(0x00, 0x00);
    press(0x00, 0x00);
    expect(phone.log).toEqual(['hangup']);
    expect(last()).toEqual([2, 0x00, 0x00]);
  });

  it('a press while dialling out cancels the call', () => {
    const { phone, press } = wire(jabraLayout(), true);
    phone.set('dialling'); // Off-Hook LED on; the headset echoes hook = 1
    phone.set('ringing');
    expect(phone.log).toEqual([]);
    press(0x00, 0x00);
    expect(phone.log).toEqual(['hangup']);
  });

  it("the headset's echo of our Off-Hook LED is never taken for a press", () => {
    const { phone, sent } = wire(jabraLayout(), true);
    phone.set('dialling');
    phone.set('connected');
    phone.set('ended'); // the patient hung up: Off-Hook off, echoed on-hook
    phone.set(null);
    phone.set('incoming');
    phone.set('connected'); // answered on screen: Off-Hook on, echoed off-hook
    phone.set('ended');
    expect(phone.log).toEqual([]);
    expect(sent.map((r) => r[1])).toEqual([0x00, 0x01, 0x00, 0x24, 0x01, 0x00]);
  });

  it('with no call the button does nothing and the headset is put back on-hook; mute likewise', () => {
    const { phone, press, sent } = wire();
    const start = sent.length;
    press(0x01, 0x00);
    expect(phone.log).toEqual([]);
    expect(sent.slice(start)).toEqual([[2, 0x00, 0x00]]);
    phone.set('incoming');
    const before = sent.length;
    press(0x04, 0x00);
    expect(phone.log).toEqual([]);
    expect(sent.slice(before)).toEqual([[2, 0x24, 0x00]]);
  });

  it('ignores reports of the consumer collection that share the hook bit', () => {
    const { phone, calls } = wire();
    phone.set('incoming');
    calls.input(1, view([0x01]));
    expect(phone.log).toEqual([]);
  });

  it('a headset without LEDs: any change of its hook state is a press', () => {
    const inputOnly = telephonyLayout([
      collection(0x0b, 0x05, {
        inputReports: [
          { reportId: 2, items: [item({ usages: [USAGE.hookSwitch, USAGE.phoneMute], reportCount: 2 }), item({ isConstant: true, reportCount: 6 })] },
        ],
      }),
    ]);
    const { phone, press, sent } = wire(inputOnly);
    press(0x01); // pressed with no call: the headset now thinks it is off-hook
    phone.set('incoming');
    press(0x00); // the next press reports on-hook, and means "answer"
    press(0x01); // then off-hook again: hang up
    expect(phone.log).toEqual(['answer', 'hangup']);
    expect(sent).toEqual([]);
  });

  it('a relative (toggle) hook switch: each press answers or hangs up', () => {
    const toggle = telephonyLayout([
      collection(0x0b, 0x05, {
        inputReports: [
          { reportId: 2, items: [item({ usages: [USAGE.hookSwitch], reportCount: 1, isAbsolute: false }), item({ isConstant: true, reportCount: 7 })] },
        ],
      }),
    ]);
    const { phone, press } = wire(toggle);
    phone.set('incoming');
    press(0x01);
    press(0x01);
    press(0x00);
    expect(phone.log).toEqual(['answer']);
    press(0x01);
    expect(phone.log).toEqual(['answer', 'hangup']);
  });

  it('an absolute mute switch: the call follows its state', () => {
    const l = telephonyLayout([
      collection(0x0b, 0x05, {
        inputReports: [
          { reportId: 2, items: [item({ usages: [USAGE.hookSwitch, USAGE.phoneMute], reportCount: 2 }), item({ isConstant: true, reportCount: 6 })] },
        ],
      }),
    ]);
    const { phone, press } = wire(l);
    press(0x01); // off-hook before the call: no call to act on
    phone.set('connected');
    press(0x03);
    press(0x03);
    expect(phone.call?.muted).toBe(true);
    press(0x01);
    expect(phone.log).toEqual(['toggleMute', 'toggleMute']);
    expect(phone.call?.muted).toBe(false);
  });
});

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
};

function memoryStorage(init: Record<string, string> = {}) {
  const m = new Map(Object.entries(init));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

/** A Jabra headset the nurse will pick in the browser's chooser, and the workstation's side of it. */
function chooser(device = jabra()) {
  const hid = new FakeHid();
  hid.pick = () => [device];
  const phone = new FakePhone();
  const storage = memoryStorage();
  return { hid, device, phone, storage, headset: new HeadsetHid(phone, hid, storage) };
}

describe('the headset device over navigator.hid', () => {
  it('is hidden where there is no WebHID', async () => {
    const h = new HeadsetHid(new FakePhone(), undefined, memoryStorage());
    expect(h.getSnapshot().status).toBe('unsupported');
    h.acquire()();
    await h.connect();
    expect(h.getSnapshot().status).toBe('unsupported');
  });

  it('connect asks for telephony devices, opens the headset, remembers it; its buttons answer', async () => {
    const { hid, device, phone, storage, headset: h } = chooser();
    h.acquire();
    await h.connect();
    expect(hid.requests).toEqual([{ filters: [{ usagePage: 0x0b }] }]);
    expect(device.opened).toBe(true);
    expect(h.getSnapshot()).toEqual({ status: 'open', name: 'Jabra EVOLVE 40', error: null });
    expect(JSON.parse(storage.m.get('followup.softphone.headsetHid')!)).toEqual({ vendorId: 0x0b0e, productId: 0x0300, name: 'Jabra EVOLVE 40' });
    phone.set('incoming');
    expect(device.lastSent()).toEqual([2, 0x24, 0x00]);
    device.report(2, [0x01, 0x00]);
    expect(phone.log).toEqual(['answer']);
  });

  it('reopens the remembered headset at start without asking; nothing when none is remembered', async () => {
    const remembered = JSON.stringify({ vendorId: 0x0b0e, productId: 0x0300, name: 'Jabra EVOLVE 40' });
    const hid = new FakeHid();
    const device = jabra();
    hid.granted = [device];
    const h = new HeadsetHid(new FakePhone(), hid, memoryStorage({ 'followup.softphone.headsetHid': remembered }));
    h.acquire();
    await flush();
    expect(device.opened).toBe(true);
    expect(h.getSnapshot().status).toBe('open');
    expect(hid.requests).toEqual([]);

    const fresh = new FakeHid();
    fresh.granted = [jabra()];
    const none = new HeadsetHid(new FakePhone(), fresh, memoryStorage());
    none.acquire();
    await flush();
    expect(fresh.getDevicesCalls).toBe(0);
    expect(none.getSnapshot().status).toBe('off');
  });

  it('follows unplugging and plugging in again', async () => {
    const { hid, device, phone, headset: h } = chooser();
    h.acquire();
    await h.connect();
    hid.unplug(device);
    await flush();
    expect(h.getSnapshot().status).toBe('unplugged');
    hid.plug(device);
    await flush();
    expect(device.opened).toBe(true);
    expect(h.getSnapshot().status).toBe('open');
    phone.set('connected');
    device.report(2, [0x00, 0x00]);
    expect(phone.log).toEqual(['hangup']);
  });

  it('closes the device with its LEDs off when the last user goes; disconnect forgets it', async () => {
    const { device, phone, storage, headset: h } = chooser();
    const releaseA = h.acquire();
    const releaseB = h.acquire();
    await h.connect();
    phone.set('connected');
    releaseA();
    await flush();
    expect(device.opened).toBe(true);
    releaseB();
    await flush();
    expect(device.opened).toBe(false);
    expect(device.lastSent()).toEqual([2, 0x00, 0x00]);

    h.acquire();
    await flush();
    expect(device.opened).toBe(true);
    await h.disconnect();
    expect(device.forgotten).toBe(true);
    expect(storage.m.size).toBe(0);
    expect(h.getSnapshot()).toEqual({ status: 'off', name: null, error: null });
  });

  it('says why when the headset cannot be opened or has no telephony buttons', async () => {
    const hid = new FakeHid();
    const device = jabra();
    device.openError = new DOMException('Failed to open the device.', 'NotAllowedError');
    hid.pick = () => [device];
    const h = new HeadsetHid(new FakePhone(), hid, memoryStorage());
    h.acquire();
    await h.connect();
    expect(h.getSnapshot()).toMatchObject({ status: 'failed', error: 'Failed to open the device.' });

    hid.pick = () => [new FakeHidDevice('Jabra Speak 410 volume keys', 0x0b0e, 0x0412, [JABRA_COLLECTIONS[0]])];
    await h.connect();
    expect(h.getSnapshot()).toMatchObject({ status: 'failed', error: 'noTelephony' });
  });
});
