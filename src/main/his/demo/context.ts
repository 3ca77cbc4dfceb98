// Shared generator state plus lookup tables that are built once per run rather than per row.
import { PACKAGES, type CheckupPackage } from './checkup-items';
import { DateFmt, SECONDS_PER_DAY, parseYmd } from './dates';
import { CARDIOLOGY_RENAMED_ON, DEPARTMENTS, type Department } from './departments';
import { fitsSex } from './icd10';
import { fullName } from './names';
import { emptyPlanted, type DemoHisPlanted } from './planted';
import { Rng, Weighted } from './prng';
import type { BulkWriter } from './writer';

export type BodySex = '1' | '2';
export type AgeBand = 0 | 1 | 2 | 3;

/** Demographic bucket index: sex (male 0, female 1) x age band. */
export const bucket = (sex: BodySex, band: AgeBand): number => (sex === '2' ? 4 : 0) + band;

export function ageBand(age: number): AgeBand {
  return age < 14 ? 0 : age < 45 ? 1 : age < 60 ? 2 : 3;
}

/** The data covers the three years before the end date. */
export const WINDOW_DAYS = 3 * 365;

export interface GenContext {
  rng: Rng;
  fmt: DateFmt;
  w: BulkWriter;
  planted: DemoHisPlanted;
  patients: number;
  startDay: number;
  endDay: number;
  /** Last second of the end date; nothing is modified after it. */
  endSec: number;
  renameDay: number;
  /** 中医科 closed (tybz = 1) on this day, so it only has older visits. */
  tcmClosedDay: number;
  unknownBrid: string;
  doctors: Map<string, string[]>;
  ipDepts: Weighted<Department>[];
  opDepts: Weighted<Department>[];
  /** Per department code: diagnosis tables indexed by sex (0 male, 1 female). */
  ipDx: Map<string, Weighted<string>[]>;
  opDx: Map<string, Weighted<string>[]>;
  packages: Weighted<CheckupPackage>[];
  seq: { stay: number; visit: number; checkup: number };
  usedIds: Set<string>;
  mergeSurvivor: { brid: string; surname: string; xm: string; xb: string; birthDay: number; sfzh: string } | null;
  recycledMzh: string | null;
}

function sexDxTables(codes: ReadonlyArray<readonly [string, number]>): Weighted<string>[] {
  return (['1', '2'] as const).map((sex) => {
    const fit = codes.filter(([code]) => fitsSex(code, sex));
    // A department may have no fitting code for one sex (产科 for men); those patients never reach it.
    return new Weighted(fit.length > 0 ? fit : codes);
  });
}

export function createContext(rng: Rng, w: BulkWriter, patients: number, endDate: string): GenContext {
  const endDay = parseYmd(endDate);
  const renameDay = parseYmd(CARDIOLOGY_RENAMED_ON);
  if (endDay === null || renameDay === null) throw new Error(`invalid endDate '${endDate}'`);
  const startDay = endDay - WINDOW_DAYS + 1;

  const doctors = new Map<string, string[]>();
  for (const d of DEPARTMENTS) {
    const n = rng.between(4, 9);
    doctors.set(
      d.code,
      Array.from({ length: n }, () => fullName(rng, 1960 + rng.int(35), rng.chance(0.5) ? '1' : '2')),
    );
  }

  const ipDepts: Weighted<Department>[] = [];
  const opDepts: Weighted<Department>[] = [];
  const packages: Weighted<CheckupPackage>[] = [];
  for (const sex of ['1', '2'] as const) {
    for (const band of [0, 1, 2, 3] as const) {
      const fits = (d: Department) => d.sex === null || d.sex === sex;
      const i = bucket(sex, band);
      ipDepts[i] = new Weighted(DEPARTMENTS.filter(fits).map((d) => [d, d.ipWeight[band]] as const));
      opDepts[i] = new Weighted(DEPARTMENTS.filter(fits).map((d) => [d, d.opWeight[band]] as const));
      packages[i] = new Weighted(PACKAGES.filter((p) => !p.sex || p.sex === sex).map((p) => [p, p.weight[band]] as const));
    }
  }

  const ipDx = new Map<string, Weighted<string>[]>();
  const opDx = new Map<string, Weighted<string>[]>();
  for (const d of DEPARTMENTS) {
    if (d.ip.length > 0) ipDx.set(d.code, sexDxTables(d.ip));
    opDx.set(d.code, sexDxTables(d.op));
  }

  return {
    rng,
    w,
    fmt: new DateFmt(),
    planted: emptyPlanted(),
    patients,
    startDay,
    endDay,
    endSec: (endDay + 1) * SECONDS_PER_DAY - 1,
    renameDay,
    tcmClosedDay: startDay + 240,
    unknownBrid: brid(patients),
    doctors,
    ipDepts,
    opDepts,
    ipDx,
    opDx,
    packages,
    seq: { stay: 0, visit: 0, checkup: 0 },
    usedIds: new Set(),
    mergeSurvivor: null,
    recycledMzh: null,
  };
}

export function brid(index: number): string {
  return `P${String(index + 1).padStart(6, '0')}`;
}
