import { HeadsetCalls, type HeadsetPhone } from './headset-calls';
import { hasTelephony, TELEPHONY_PAGE, telephonyLayout } from './hid-report';
import { webHid, type Hid, type HidConnectionEvent, type HidDevice, type HidInputReportEvent } from './webhid';

// The headset's buttons over WebHID: the nurse connects her headset once (a click: the browser's
// chooser needs a user gesture); this workstation remembers it and reopens it at every start and
// whenever it is plugged in again. One per softphone, shared by every component that mounts it.

export type HeadsetStatus = 'unsupported' | 'off' | 'opening' | 'open' | 'unplugged' | 'failed';

export interface HeadsetSnapshot {
  status: HeadsetStatus;
  /** The headset's product name (open or remembered). */
  name: string | null;
  /** 'noTelephony', or the browser's error name/message. */
  error: string | null;
}

interface Remembered {
  vendorId: number;
  productId: number;
  name: string;
}

const KEY = 'followup.softphone.headsetHid';
type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

export class HeadsetHid {
  private snap: HeadsetSnapshot;
  private listeners = new Set<() => void>();
  private device: HidDevice | null = null;
  private calls: HeadsetCalls | null = null;
  private unfollow: (() => void) | null = null;
  /** Output reports on their way: closing waits for them (the LEDs-off report above all). */
  private sending: Promise<unknown> = Promise.resolve();
  private users = 0;
  /** open/close one at a time: a device mid-open refuses close (and the other way round). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly phone: HeadsetPhone,
    private readonly hid: Hid | undefined = webHid(),
    private readonly storage: Storage | undefined = globalThis.localStorage,
  ) {
    this.snap = { status: hid ? 'off' : 'unsupported', name: this.remembered()?.name ?? null, error: null };
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getSnapshot = (): HeadsetSnapshot => this.snap;

  private set(patch: Partial<HeadsetSnapshot>): void {
    this.snap = { ...this.snap, ...patch };
    for (const fn of this.listeners) fn();
  }

  private remembered(): Remembered | null {
    try {
      return JSON.parse(this.storage?.getItem(KEY) ?? 'null') as Remembered | null;
    } catch {
      return null;
    }
  }

  private run<T>(op: () => Promise<T>): Promise<T> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A component mounted: reopen the remembered headset, follow plugging. Returns the release. */
  acquire(): () => void {
    const hid = this.hid;
    if (!hid) return () => undefined;
    if (this.users++ === 0) {
      hid.addEventListener('connect', this.onConnect);
      hid.addEventListener('disconnect', this.onDisconnect);
      void this.restore();
    }
    return () => {
      if (--this.users > 0) return;
      hid.removeEventListener('connect', this.onConnect);
      hid.removeEventListener('disconnect', this.onDisconnect);
      void this.run(() => this.close(true));
    };
  }

  /** The "connect" button. Call it straight from the click: requestDevice needs the user gesture. */
  async connect(): Promise<void> {
    if (!this.hid) return;
    let chosen: HidDevice[];
    try {
      chosen = await this.hid.requestDevice({ filters: [{ usagePage: TELEPHONY_PAGE }] });
    } catch (err) {
      // Chrome rejects a cancelled chooser with NotFoundError on some versions.
      if ((err as Error).name !== 'NotFoundError') this.set({ status: 'failed', error: (err as Error).message || (err as Error).name });
      return;
    }
    const device = chosen.find((d) => hasTelephony(d.collections));
    if (!device) {
      if (chosen.length) this.set({ status: 'failed', error: 'noTelephony' });
      return;
    }
    this.storage?.setItem(KEY, JSON.stringify({ vendorId: device.vendorId, productId: device.productId, name: device.productName } satisfies Remembered));
    await this.run(() => this.open(device));
  }

  /** The "disconnect" button: close, forget the permission and the choice. */
  async disconnect(): Promise<void> {
    this.storage?.removeItem(KEY);
    const device = this.device;
    await this.run(() => this.close(true));
    await device?.forget?.().catch(() => undefined);
    this.set({ status: this.hid ? 'off' : 'unsupported', name: null, error: null });
  }

  private async restore(): Promise<void> {
    const want = this.remembered();
    if (!want || !this.hid) return;
    const devices = (await this.hid.getDevices().catch(() => [] as HidDevice[])).filter((d) => hasTelephony(d.collections));
    // Her own headset first; another permitted one (a colleague's at a shared desk) otherwise.
    const device = devices.find((d) => d.vendorId === want.vendorId && d.productId === want.productId) ?? devices[0];
    if (!device) return this.set({ status: 'unplugged', name: want.name });
    if (this.users > 0) await this.run(() => this.open(device));
  }

  private async open(device: HidDevice): Promise<void> {
    if (this.device === device && device.opened) return;
    await this.close(true);
    this.set({ status: 'opening', name: device.productName, error: null });
    const layout = telephonyLayout(device.collections);
    if (!layout) return this.set({ status: 'failed', error: 'noTelephony' });
    try {
      if (!device.opened) await device.open();
    } catch (err) {
      return this.set({ status: 'failed', error: (err as Error).message || (err as Error).name });
    }
    this.device = device;
    this.calls = new HeadsetCalls(layout, this.phone, (r) => {
      this.sending = Promise.all([this.sending, device.sendReport(r.reportId, r.data).catch(() => undefined)]);
    });
    device.addEventListener('inputreport', this.onInput);
    this.unfollow = this.phone.subscribe(() => this.calls?.follow());
    this.calls.follow(true);
    this.set({ status: 'open' });
  }

  /** `attached`: the device is still there to be told and closed (not after an unplug). */
  private async close(attached: boolean): Promise<void> {
    const device = this.device;
    if (!device) return;
    this.unfollow?.();
    this.unfollow = null;
    device.removeEventListener('inputreport', this.onInput);
    if (attached) this.calls?.clear();
    this.calls = null;
    this.device = null;
    if (!attached) return;
    await this.sending;
    if (device.opened) await device.close().catch(() => undefined);
  }

  private onInput = (e: Event) => {
    const { reportId, data } = e as HidInputReportEvent;
    this.calls?.input(reportId, data);
  };

  private onDisconnect = (e: Event) => {
    const { device } = e as HidConnectionEvent;
    if (device !== this.device) return;
    void this.run(() => this.close(false));
    this.set({ status: 'unplugged' });
  };

  private onConnect = (e: Event) => {
    const { device } = e as HidConnectionEvent;
    if (!this.remembered() || this.device || !hasTelephony(device.collections)) return;
    void this.run(() => this.open(device));
  };
}

const bySoftphone = new WeakMap<HeadsetPhone, HeadsetHid>();

/** The headset of this softphone (one per controller, so every component shares the device). */
export function headsetFor(phone: HeadsetPhone): HeadsetHid {
  let h = bySoftphone.get(phone);
  if (!h) bySoftphone.set(phone, (h = new HeadsetHid(phone)));
  return h;
}
