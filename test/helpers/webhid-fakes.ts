import type { HidCollectionInfo, HidDeviceFilter, HidReportItem } from '../../src/renderer/features/softphone/webhid';

// A USB headset as WebHID shows it (https://wicg.github.io/webhid/): `collections` as Chromium
// builds them from the report descriptor (extended usages page << 16 | id; a top-level
// collection lists every item of its reports in order, nested collections' and padding
// included; isRange items carry usageMinimum/Maximum instead of usages), and `inputreport`
// events whose data excludes the report id byte.

const u = (page: number, id: number) => page * 0x10000 + id;

export function item(p: Partial<HidReportItem> & Pick<HidReportItem, 'reportCount'>): HidReportItem {
  return {
    isAbsolute: true,
    isArray: false,
    isConstant: false,
    isRange: false,
    hasNull: false,
    reportSize: 1,
    logicalMinimum: 0,
    logicalMaximum: 1,
    ...(p.isRange ? {} : { usages: [] }),
    ...p,
  };
}

export function collection(usagePage: number, usage: number, p: Partial<HidCollectionInfo> = {}): HidCollectionInfo {
  return { usagePage, usage, type: 1, children: [], inputReports: [], outputReports: [], featureReports: [], ...p };
}

// The telephony part of a Jabra USB headset's 332-byte report descriptor (VID 0x0B0E), report 2:
//   Input:  Hook Switch, Line Busy Tone        1 bit ×2  (Data,Var,Abs)   bits 0–1
//           Phone Mute, Flash, Redial, Speed Dial 1 bit ×4 (Data,Var,Rel) bits 2–5
//           Button 7 (programmable)            1 bit     (Data,Var,Abs)   bit 6
//           Telephony Key Pad (Logical): Phone Key 0…# 4 bits, array 0–11 bits 7–10
//           padding                            1 bit ×5  (Const)          bits 11–15
//   Output: Off-Hook, Mute, Ring, Hold, Microphone LEDs 1 bit ×5          bits 0–4
//           Ringer (Telephony 0x9E)            1 bit                      bit 5
//           padding                            1 bit ×10                  bits 6–15
const keyPad = item({
  isArray: true,
  isRange: true,
  usageMinimum: u(0x0b, 0xb0),
  usageMaximum: u(0x0b, 0xbb),
  reportSize: 4,
  reportCount: 1,
  logicalMaximum: 11,
});

export const JABRA_COLLECTIONS: HidCollectionInfo[] = [
  // Consumer Control, report 1: bit 0 is Volume Increment, where report 2 has the hook switch.
  collection(0x0c, 0x01, {
    inputReports: [
      { reportId: 1, items: [item({ usages: [u(0x0c, 0xe9), u(0x0c, 0xea), u(0x0c, 0xe2)], reportCount: 3 }), item({ isConstant: true, reportCount: 5 })] },
    ],
  }),
  collection(0x0b, 0x05, {
    inputReports: [
      {
        reportId: 2,
        items: [
          item({ usages: [u(0x0b, 0x20), u(0x0b, 0x97)], reportCount: 2 }),
          item({ usages: [u(0x0b, 0x2f), u(0x0b, 0x21), u(0x0b, 0x24), u(0x0b, 0x50)], reportCount: 4, isAbsolute: false }),
          item({ usages: [u(0x09, 0x07)], reportCount: 1 }),
          keyPad,
          item({ isConstant: true, reportCount: 5 }),
        ],
      },
    ],
    outputReports: [
      {
        reportId: 2,
        items: [
          item({ usages: [u(0x08, 0x17), u(0x08, 0x09), u(0x08, 0x18), u(0x08, 0x20), u(0x08, 0x21)], reportCount: 5 }),
          item({ usages: [u(0x0b, 0x9e)], reportCount: 1 }),
          item({ isConstant: true, reportCount: 10 }),
        ],
      },
    ],
    children: [collection(0x0b, 0x06, { type: 2, inputReports: [{ reportId: 2, items: [keyPad] }] })],
  }),
  // The vendor interface (settings, firmware): never touched.
  collection(0xff00, 0x01, {
    inputReports: [{ reportId: 5, items: [item({ usages: [u(0xff00, 0x01)], reportSize: 8, reportCount: 63, logicalMaximum: 255 })] }],
  }),
];

export class FakeHidDevice extends EventTarget {
  opened = false;
  forgotten = false;
  openError: Error | null = null;
  /** Output reports the host sent: [reportId, ...bytes]. */
  sent: number[][] = [];
  /** Called after each output report: a headset that echoes its Off-Hook LED as its hook switch. */
  onSend: ((reportId: number, bytes: number[]) => void) | null = null;

  constructor(
    readonly productName: string,
    readonly vendorId: number,
    readonly productId: number,
    readonly collections: HidCollectionInfo[],
  ) {
    super();
  }

  async open(): Promise<void> {
    if (this.opened) throw new DOMException('The device is already open.', 'InvalidStateError');
    if (this.openError) throw this.openError;
    this.opened = true;
  }

  async close(): Promise<void> {
    this.opened = false;
  }

  async forget(): Promise<void> {
    this.forgotten = true;
    this.opened = false;
  }

  async sendReport(reportId: number, data: BufferSource): Promise<void> {
    if (!this.opened) throw new DOMException('The device must be opened first.', 'InvalidStateError');
    const view = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
    this.sent.push([reportId, ...view]);
    this.onSend?.(reportId, [...view]);
  }

  /** The headset sends an input report (bytes after the report id), as Chromium delivers it. */
  report(reportId: number, bytes: number[]): void {
    if (!this.opened) return;
    this.dispatchEvent(Object.assign(new Event('inputreport'), { device: this, reportId, data: new DataView(new Uint8Array(bytes).buffer) }));
  }

  lastSent(): number[] | undefined {
    return this.sent.at(-1);
  }
}

/** navigator.hid: `granted` are the devices getDevices returns; `pick` answers the chooser. */
export class FakeHid extends EventTarget {
  granted: FakeHidDevice[] = [];
  requests: { filters: HidDeviceFilter[] }[] = [];
  getDevicesCalls = 0;
  pick: (options: { filters: HidDeviceFilter[] }) => FakeHidDevice[] = () => [];

  async getDevices(): Promise<FakeHidDevice[]> {
    this.getDevicesCalls += 1;
    return [...this.granted];
  }

  async requestDevice(options: { filters: HidDeviceFilter[] }): Promise<FakeHidDevice[]> {
    this.requests.push(options);
    const chosen = this.pick(options);
    for (const d of chosen) if (!this.granted.includes(d)) this.granted.push(d);
    return chosen;
  }

  plug(device: FakeHidDevice): void {
    this.dispatchEvent(Object.assign(new Event('connect'), { device }));
  }

  unplug(device: FakeHidDevice): void {
    device.opened = false;
    this.dispatchEvent(Object.assign(new Event('disconnect'), { device }));
  }
}

export const jabra = () => new FakeHidDevice('Jabra EVOLVE 40', 0x0b0e, 0x0300, JABRA_COLLECTIONS);
