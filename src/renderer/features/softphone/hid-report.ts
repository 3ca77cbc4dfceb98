import type { HidCollectionInfo, HidReportItem } from './webhid';

// Reads a headset's Telephony buttons from its input reports and writes its call LEDs, using
// the layout the device describes in `collections` (USB HID 1.11 §6.2.2, HID Usage Tables
// §14 Telephony and §11 LED pages): no vendor tables. Pure, so it is tested without a device.

/** An extended usage: page in the high 16 bits. Multiplied, not shifted: pages ≥ 0x8000 stay positive. */
export const usage = (page: number, id: number): number => page * 0x10000 + id;

export const TELEPHONY_PAGE = 0x0b;

export const USAGE = {
  hookSwitch: usage(0x0b, 0x20), // OOC: usually absolute on/off-hook, some headsets a relative toggle
  flash: usage(0x0b, 0x21), // MC
  redial: usage(0x0b, 0x24), // OSC
  phoneMute: usage(0x0b, 0x2f), // OOC: usually a relative toggle
  ringer: usage(0x0b, 0x9e), // output: ring the headset
  ledMute: usage(0x08, 0x09),
  ledOffHook: usage(0x08, 0x17),
  ledRing: usage(0x08, 0x18),
} as const;

const INPUTS = new Set<number>([USAGE.hookSwitch, USAGE.flash, USAGE.redial, USAGE.phoneMute]);
const OUTPUTS = new Set<number>([USAGE.ledOffHook, USAGE.ledMute, USAGE.ledRing, USAGE.ringer]);

/** One variable field: `size` bits at bit `offset` of the report (after its id byte). */
interface Field {
  usage: number;
  offset: number;
  size: number;
  signed: boolean;
  absolute: boolean;
}

/** An array item: each of `count` slots holds the index of a control that is on, or a null value. */
interface ArrayField {
  offset: number;
  size: number;
  count: number;
  signed: boolean;
  absolute: boolean;
  min: number;
  max: number;
  usageAt(index: number): number | undefined;
  /** The wanted usages this array can report: all of them are off unless a slot names them. */
  wanted: number[];
}

export interface TelephonyLayout {
  inputs: Map<number, { fields: Field[]; arrays: ArrayField[] }>;
  outputs: Map<number, { bytes: number; fields: Field[] }>;
}

export interface Control {
  value: number;
  absolute: boolean;
}

export interface OutputReport {
  reportId: number;
  data: Uint8Array<ArrayBuffer>;
}

/** Does the device offer a Telephony top-level collection (a headset, handset or phone)? */
export const hasTelephony = (collections: readonly HidCollectionInfo[]): boolean => collections.some((c) => c.usagePage === TELEPHONY_PAGE);

/** The usage of the i-th field of a variable item; the last usage repeats (HID 1.11 §6.2.2.8). */
function variableUsage(item: HidReportItem, i: number): number | undefined {
  if (item.isRange) return item.usageMinimum === undefined ? undefined : Math.min(item.usageMinimum + i, item.usageMaximum ?? item.usageMinimum);
  const list = item.usages ?? [];
  return list.length ? list[Math.min(i, list.length - 1)] : undefined;
}

function arrayUsages(item: HidReportItem): { usageAt(index: number): number | undefined; all: (u: number) => boolean } {
  if (item.isRange) {
    const lo = item.usageMinimum ?? 0;
    const hi = item.usageMaximum ?? lo;
    return { usageAt: (i) => (lo + i <= hi ? lo + i : undefined), all: (u) => u >= lo && u <= hi };
  }
  const list = item.usages ?? [];
  return { usageAt: (i) => list[i], all: (u) => list.includes(u) };
}

/** The Telephony collections' reports, reduced to the controls and LEDs we use; null if none. */
export function telephonyLayout(collections: readonly HidCollectionInfo[]): TelephonyLayout | null {
  const top = collections.filter((c) => c.usagePage === TELEPHONY_PAGE);
  if (!top.length) return null;
  const layout: TelephonyLayout = { inputs: new Map(), outputs: new Map() };
  for (const c of top) {
    for (const r of c.inputReports) {
      const entry = { fields: [] as Field[], arrays: [] as ArrayField[] };
      let offset = 0;
      for (const item of r.items) {
        const signed = item.logicalMinimum < 0;
        if (item.isArray) {
          const { usageAt, all } = arrayUsages(item);
          const wanted = [...INPUTS].filter(all);
          if (wanted.length)
            entry.arrays.push({
              offset,
              size: item.reportSize,
              count: item.reportCount,
              signed,
              absolute: item.isAbsolute,
              min: item.logicalMinimum,
              max: item.logicalMaximum,
              usageAt,
              wanted,
            });
        } else {
          // Constant items are padding, but a few headsets flag real buttons constant: keep any
          // field that names a usage we want.
          for (let i = 0; i < item.reportCount; i++) {
            const u = variableUsage(item, i);
            if (u !== undefined && INPUTS.has(u))
              entry.fields.push({ usage: u, offset: offset + i * item.reportSize, size: item.reportSize, signed, absolute: item.isAbsolute });
          }
        }
        offset += item.reportSize * item.reportCount;
      }
      if (entry.fields.length || entry.arrays.length) layout.inputs.set(r.reportId, entry);
    }
    for (const r of c.outputReports) {
      const fields: Field[] = [];
      let offset = 0;
      for (const item of r.items) {
        if (!item.isArray) {
          for (let i = 0; i < item.reportCount; i++) {
            const u = variableUsage(item, i);
            if (u !== undefined && OUTPUTS.has(u))
              fields.push({ usage: u, offset: offset + i * item.reportSize, size: item.reportSize, signed: false, absolute: true });
          }
        }
        offset += item.reportSize * item.reportCount;
      }
      if (fields.length) layout.outputs.set(r.reportId, { bytes: Math.ceil(offset / 8), fields });
    }
  }
  return layout.inputs.size || layout.outputs.size ? layout : null;
}

/** Little-endian bit field, least significant bit first (HID 1.11 §8.4). */
function readBits(data: DataView, offset: number, size: number, signed: boolean): number | null {
  if (size < 1 || size > 32 || offset + size > data.byteLength * 8) return null;
  let v = 0;
  for (let i = 0; i < size; i++) {
    const bit = offset + i;
    if ((data.getUint8(bit >> 3) >> (bit & 7)) & 1) v += 2 ** i;
  }
  return signed && v >= 2 ** (size - 1) ? v - 2 ** size : v;
}

function writeBits(buf: Uint8Array, offset: number, size: number, value: number): void {
  for (let i = 0; i < size && i < 32; i++) {
    const bit = offset + i;
    if (Math.floor(value / 2 ** i) % 2) buf[bit >> 3] |= 1 << (bit & 7);
  }
}

/** The Telephony controls in one input report (event.reportId, event.data); empty if none. */
export function decodeInput(layout: TelephonyLayout, reportId: number, data: DataView): Map<number, Control> {
  const out = new Map<number, Control>();
  const r = layout.inputs.get(reportId);
  if (!r) return out;
  const set = (u: number, value: number, absolute: boolean) => {
    const had = out.get(u);
    out.set(u, { value: had?.value ? had.value : value, absolute });
  };
  for (const f of r.fields) {
    const v = readBits(data, f.offset, f.size, f.signed);
    if (v !== null) set(f.usage, v, f.absolute);
  }
  for (const a of r.arrays) {
    for (const u of a.wanted) set(u, 0, a.absolute);
    for (let k = 0; k < a.count; k++) {
      const v = readBits(data, a.offset + k * a.size, a.size, a.signed);
      // Outside the logical range is the null value: no control in this slot.
      if (v === null || v < a.min || v > a.max) continue;
      const u = a.usageAt(v - a.min);
      if (u !== undefined && a.wanted.includes(u)) set(u, 1, a.absolute);
    }
  }
  return out;
}

/** Output reports setting the given LEDs (usage → on); other fields of those reports are 0. */
export function encodeOutput(layout: TelephonyLayout, values: ReadonlyMap<number, boolean>): OutputReport[] {
  const reports: OutputReport[] = [];
  for (const [reportId, r] of layout.outputs) {
    if (!r.fields.some((f) => values.has(f.usage))) continue;
    const data = new Uint8Array(r.bytes);
    for (const f of r.fields) if (values.get(f.usage)) writeBits(data, f.offset, f.size, 1);
    reports.push({ reportId, data });
  }
  return reports;
}

/** Whether the layout can show this usage (Off-Hook, Mute …) on the headset. */
export const canShow = (layout: TelephonyLayout, u: number): boolean => [...layout.outputs.values()].some((r) => r.fields.some((f) => f.usage === u));
