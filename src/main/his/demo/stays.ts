// Discharged inpatient stays (V_ZY_CYBR) and their diagnoses (V_ZY_ZD).
import { bucket, WINDOW_DAYS, type GenContext } from './context';
import { SECONDS_PER_DAY } from './dates';
import { CHEMO_CANCERS, COMORBIDITIES, EMERGENCY_CODE, ONCOLOGY_CODE, type Department } from './departments';
import { fitsSex, icdName } from './icd10';
import type { Person } from './people';
import { roleMinimums, type Role } from './planted';
import { Weighted } from './prng';

// '6' means 其他 in this vendor alongside the standard '9'; '5' (death) is decided separately.
const DISCHARGE_WAYS = new Weighted<string>([
  ['1', 915],
  ['2', 30],
  ['3', 10],
  ['4', 25],
  ['9', 10],
  ['6', 5],
]);
const DEATH_RATE_ON_LAST_STAY = [0.004, 0.006, 0.02, 0.045];
const OTHER_DX_RANGE: ReadonlyArray<readonly [number, number]> = [
  [0, 1],
  [0, 2],
  [0, 3],
  [1, 3],
];
const comorbidities = new Weighted(COMORBIDITIES);
const chemoCancers = new Weighted(CHEMO_CANCERS);

export interface StayResult {
  /** Day of death, or the end date: later encounters must not happen after it. */
  lastAliveDay: number;
  lastActivitySec: number;
  homeDept: Department | null;
}

function drawIpDept(ctx: GenContext, p: Person): Department {
  return ctx.ipDepts[bucket(p.sex, p.band)].draw(ctx.rng);
}

function mainDiagnosis(ctx: GenContext, p: Person, dept: Department): string {
  return ctx.ipDx.get(dept.code)![p.sex === '2' ? 1 : 0].draw(ctx.rng);
}

export function generateStays(ctx: GenContext, p: Person, count: number, role: Role | undefined): StayResult {
  const { rng, fmt } = ctx;
  const result: StayResult = { lastAliveDay: ctx.endDay, lastActivitySec: 0, homeDept: null };
  if (count === 0) return result;
  const home = drawIpDept(ctx, p);
  result.homeDept = home;
  let homeDx: string | null = null;
  const plantsStay = roleMinimums(role).stays > 0;
  // One stay per equal slot of the window keeps a patient's stays from overlapping.
  const slot = Math.floor(WINDOW_DAYS / count);
  for (let j = 0; j < count; j++) {
    const last = j === count - 1;
    const planted = plantsStay && (role === 'deathStay' ? last : j === 0) ? role : undefined;
    const dept = j === 0 || rng.chance(0.7) ? home : drawIpDept(ctx, p);
    const los = Math.max(1, Math.min(30, Math.round(dept.los * Math.exp(0.45 * rng.gauss()))));
    const dischargeDay = ctx.startDay + j * slot + rng.between(Math.min(los, slot - 1), slot - 1);
    const viaEd = rng.chance(0.04);
    const admitSec = (dischargeDay - los) * SECONDS_PER_DAY + (viaEd ? rng.int(86400) : rng.between(8 * 60, 17 * 60) * 60);
    let lyfs = DISCHARGE_WAYS.draw(rng);
    let cypb = rng.chance(0.005) ? 99 : rng.chance(0.025) ? 9 : 8;
    const dies =
      planted === 'deathStay' ||
      (planted === undefined && role === undefined && last && rng.chance(DEATH_RATE_ON_LAST_STAY[p.band] * (dept.code === ONCOLOGY_CODE ? 2.5 : 1)));
    if (dies) lyfs = '5';
    if (planted) cypb = planted === 'cancelledStay' ? 99 : 8;
    if (planted && !dies) lyfs = '1';
    const dischargeSec = dischargeDay * SECONDS_PER_DAY + (dies ? rng.int(86400) : rng.between(9 * 60, 16 * 60) * 60);
    if (dies) result.lastAliveDay = dischargeDay;
    // Medical-record coders finish most charts within days; a few are corrected weeks later.
    const delay = rng.chance(0.7) ? rng.between(3600, 3 * 86400) : rng.chance(0.85) ? rng.between(3 * 86400, 10 * 86400) : rng.between(10 * 86400, 60 * 86400);
    const xgsjSec = Math.min(dischargeSec + delay, ctx.endSec);
    result.lastActivitySec = Math.max(result.lastActivitySec, dischargeSec);

    const seq = ++ctx.seq.stay;
    let zyh: string | null = `Z${String(seq).padStart(7, '0')}`;
    const zyhm = String(1_000_000 + seq);
    let ryrq = fmt.vendor16(admitSec);
    let cyrq = fmt.vendor16(dischargeSec);
    let brid = p.brid;
    const pl = ctx.planted;
    switch (planted) {
      case 'cancelledStay':
        pl.cancelledStays.push(zyh);
        break;
      case 'deathStay':
        pl.deathStays.push(zyh);
        break;
      case 'unknownPatientStay':
        brid = ctx.unknownBrid;
        pl.badStays.unknownPatient = zyh;
        break;
      case 'badDateStay':
        cyrq = `${cyrq.slice(0, 4)}13${cyrq.slice(6, 8)}08:00:00`;
        pl.badStays.badDate = zyh;
        break;
      case 'garbageDateStay':
        cyrq = 'abcd';
        pl.badStays.garbageDate = zyh;
        break;
      case 'dischargeBeforeAdmission':
        [ryrq, cyrq] = [cyrq, ryrq];
        pl.badStays.dischargeBeforeAdmission = zyh;
        break;
      case 'missingKeyNull':
      case 'missingKeyEmpty':
        zyh = planted === 'missingKeyNull' ? null : '';
        pl.badStays.missingKey.push({ zyhm, zyh: planted === 'missingKeyNull' ? null : '' });
        break;
      default:
        break;
    }
    const ryks = viaEd && !planted ? EMERGENCY_CODE : dept.code;
    ctx.w.insert('V_ZY_CYBR', [zyh, zyhm, brid, ryrq, cyrq, ryks, dept.code, rng.pick(ctx.doctors.get(dept.code)!), lyfs, cypb, fmt.dateTime(xgsjSec)]);
    // Diagnoses are keyed by zyh, so a stay without one cannot have any.
    if (!zyh) continue;
    const main: string = dept === home && homeDx !== null && rng.chance(0.5) ? homeDx : mainDiagnosis(ctx, p, dept);
    if (dept === home) homeDx = main;
    writeDiagnoses(ctx, p, zyh, dept, main, planted);
  }
  return result;
}

function writeDiagnoses(ctx: GenContext, p: Person, zyh: string, dept: Department, main: string, planted: Role | undefined): void {
  const { rng, w } = ctx;
  let zdxh = 0;
  const used = new Set<string>([main]);
  const row = (zdlb: string, code: string, name: string, isMain: boolean) => w.insert('V_ZY_ZD', [zyh, zdlb, ++zdxh, code, name, isMain ? 1 : 0]);

  if (planted === 'malformedDxNumeric') {
    row('2', '123', '高血压', false);
    ctx.planted.badDiagnoses.malformedCode.push([zyh, zdxh]);
  } else if (rng.chance(0.7)) {
    const admit = rng.chance(0.85) ? main : mainDiagnosis(ctx, p, dept);
    row('2', admit, icdName(admit), false);
  }
  row('3', main, icdName(main), planted !== 'noMainDx');
  if (planted === 'noMainDx') ctx.planted.badDiagnoses.noMainDiagnosis = zyh;
  if (main.startsWith('Z51')) {
    const cancer = chemoCancers.draw(rng);
    used.add(cancer);
    row('3', cancer, icdName(cancer), false);
  }
  const [lo, hi] = OTHER_DX_RANGE[p.band];
  const others = rng.between(lo, hi);
  for (let k = 0; k < others; k++) {
    const code = comorbidities.draw(rng);
    if (used.has(code) || !fitsSex(code, p.sex)) continue;
    used.add(code);
    row('3', code, icdName(code), false);
  }
  if (planted === 'malformedDxName') {
    row('3', '肺癌', '肺癌', false);
    ctx.planted.badDiagnoses.malformedCode.push([zyh, zdxh]);
  }
}
