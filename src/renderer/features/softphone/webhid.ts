// The part of WebHID (https://wicg.github.io/webhid/) the headset buttons use. TypeScript's DOM
// library has no WebHID; these follow the spec's IDL. Usages are "extended": usage page in the
// high 16 bits, usage id in the low 16 (Chromium: (usage_page << 16) | usage).

export interface HidReportItem {
  isAbsolute: boolean;
  isArray: boolean;
  isConstant: boolean;
  isRange: boolean;
  hasNull: boolean;
  /** Set when isRange is false. */
  usages?: readonly number[];
  /** Set when isRange is true. */
  usageMinimum?: number;
  usageMaximum?: number;
  reportSize: number;
  reportCount: number;
  logicalMinimum: number;
  logicalMaximum: number;
}

export interface HidReportInfo {
  /** 0 when the device does not use report ids. */
  reportId: number;
  /** In report order: padding (constant) items are items too. */
  items: readonly HidReportItem[];
}

export interface HidCollectionInfo {
  usagePage: number;
  usage: number;
  type: number;
  children: readonly HidCollectionInfo[];
  /** A top-level collection lists every item of its reports, nested collections' included. */
  inputReports: readonly HidReportInfo[];
  outputReports: readonly HidReportInfo[];
  featureReports: readonly HidReportInfo[];
}

export interface HidInputReportEvent extends Event {
  readonly device: HidDevice;
  readonly reportId: number;
  /** The report without its report id byte. */
  readonly data: DataView;
}

export interface HidConnectionEvent extends Event {
  readonly device: HidDevice;
}

export interface HidDevice extends EventTarget {
  readonly opened: boolean;
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  readonly collections: readonly HidCollectionInfo[];
  open(): Promise<void>;
  close(): Promise<void>;
  forget?(): Promise<void>;
  sendReport(reportId: number, data: BufferSource): Promise<void>;
}

export interface HidDeviceFilter {
  vendorId?: number;
  productId?: number;
  usagePage?: number;
  usage?: number;
}

export interface Hid extends EventTarget {
  getDevices(): Promise<HidDevice[]>;
  requestDevice(options: { filters: HidDeviceFilter[] }): Promise<HidDevice[]>;
}

/** navigator.hid: Chromium (Chrome, Edge, Electron) in a secure context only; undefined elsewhere. */
export function webHid(): Hid | undefined {
  return (globalThis.navigator as (Navigator & { hid?: Hid }) | undefined)?.hid;
}
