// Patient master rows (V_BRXX): identity, GB 11643 ID numbers, phones, contacts and addresses.
import { idCheckChar } from '../normalise/id-number';
import { ageBand, brid, type AgeBand, type BodySex, type GenContext } from './context';
import { daysFromCivil } from './dates';
import { fullName, givenName, rareGivenName, surname } from './names';
import { address, area, landline, mobile, type Area } from './places';
import type { Role } from './planted';
import { Weighted } from './prng';

export interface Person {
  index: number;
  brid: string;
  surname: string;
  xm: string;
  /** Recorded GB/T 2261.1 code, including the odd '0'/'9'. */
  xb: string;
  /** Sex used for medical plausibility; '0'/'9' patients still have one. */
  sex: BodySex;
  birthDay: number;
  age: number;
  band: AgeBand;
  area: Area;
  sfzh: string;
  lxdh: string | null;
  jtdh: string | null;
  mzh: string;
}

const SEX_CODES = new Weighted<string>([
  ['1', 480],
  ['2', 516],
  ['0', 2],
  ['9', 2],
]);
const BANDS = new Weighted<AgeBand>([
  [0, 10],
  [1, 30],
  [2, 25],
  [3, 35],
]);
const BAND_AGES: ReadonlyArray<readonly [number, number]> = [
  [0, 13],
  [14, 44],
  [45, 59],
  [60, 96],
];
const RELATIONS_ADULT = new Weighted<string>([
  ['配偶', 45],
  ['子女', 35],
  ['父母', 12],
  ['其他', 8],
]);

function drawAge(ctx: GenContext, role: Role | undefined): number {
  const { rng } = ctx;
  const band = role === 'deathStay' || role === 'oldDeptVisit' ? 3 : BANDS.draw(rng);
  const [lo, hi] = BAND_AGES[band];
  // Skewed towards the low end of the elderly band so there are few 90-year-olds.
  return band === 3 ? lo + Math.floor((hi - lo) * rng.next() ** 1.6) : rng.between(lo, hi);
}

function idNumber(ctx: GenContext, p: Person, role: Role | undefined): string {
  const { rng, fmt } = ctx;
  const birth = fmt.compact(p.birthDay);
  const legacy = role === 'legacyId';
  // Sequence parity encodes sex (odd = male); '0'/'9' patients get whichever the draw gives.
  const parity = p.xb === '1' ? 1 : p.xb === '2' ? 0 : rng.int(2);
  let seq = rng.int(500) * 2 + parity;
  for (let tries = 0; ; tries++) {
    if (seq > 999) seq = parity === 1 ? 1 : 2;
    const seq3 = String(seq).padStart(3, '0');
    const key = legacy ? `${p.area.code}${birth.slice(2)}${seq3}` : `${p.area.code}${birth}${seq3}`;
    const check = legacy ? '' : idCheckChar(key);
    const wantX = role === 'lowercaseX';
    if (!ctx.usedIds.has(key) && seq !== 0 && (!wantX || check === 'X')) {
      ctx.usedIds.add(key);
      if (legacy) return key;
      if (wantX) return `${key}x`;
      if (role === 'invalidId') {
        const wrong = '10X98765432'.replace(check, '');
        return key + wrong[rng.int(wrong.length)];
      }
      return key + check;
    }
    if (tries > 2000) throw new Error(`ran out of ID sequence numbers for ${p.area.code}${birth}`);
    seq += 2;
  }
}

export function makePerson(ctx: GenContext, index: number, role: Role | undefined): Person {
  const { rng } = ctx;
  const survivor = role === 'mergeObsolete' ? ctx.mergeSurvivor : null;
  const xb = survivor ? survivor.xb : SEX_CODES.draw(rng);
  const sex: BodySex = xb === '1' || xb === '2' ? xb : rng.chance(0.5) ? '1' : '2';
  let birthDay: number;
  if (survivor) birthDay = survivor.birthDay;
  else if (role === 'legacyId') birthDay = rng.between(daysFromCivil(1935, 1, 1), daysFromCivil(1985, 12, 31));
  else birthDay = ctx.endDay - Math.floor((drawAge(ctx, role) + rng.next()) * 365.25);
  const age = Math.floor((ctx.endDay - birthDay) / 365.25);
  const birthYear = Number(ctx.fmt.compact(birthDay).slice(0, 4));
  const a = area(rng);
  const sn = survivor ? survivor.surname : surname(rng);
  const given = role === 'rareCharName' ? rareGivenName(rng) : givenName(rng, birthYear, xb);
  const p: Person = {
    index,
    brid: brid(index),
    xb,
    sex,
    birthDay,
    age,
    band: ageBand(age),
    area: a,
    surname: sn,
    xm: survivor ? survivor.xm : sn + given,
    sfzh: '',
    lxdh: mobile(rng),
    jtdh: rng.chance(0.1) ? landline(rng, a) : null,
    mzh: String(index + 1).padStart(10, '0'),
  };
  p.sfzh = survivor ? survivor.sfzh : idNumber(ctx, p, role);
  // A few patients gave only a landline; those still have a number to call.
  if (rng.chance(0.02)) {
    p.lxdh = null;
    p.jtdh = landline(rng, a);
  }
  applyPersonRole(ctx, p, role);
  return p;
}

function applyPersonRole(ctx: GenContext, p: Person, role: Role | undefined): void {
  const pl = ctx.planted;
  switch (role) {
    case 'invalidId':
      pl.invalidIdNumbers.push(p.brid);
      break;
    case 'legacyId':
      pl.legacyIdNumbers.push(p.brid);
      break;
    case 'lowercaseX':
      pl.lowercaseX = p.brid;
      break;
    case 'rareCharName':
      pl.rareCharName = p.brid;
      break;
    case 'missingPhoneNull':
    case 'missingPhoneEmpty':
      p.lxdh = role === 'missingPhoneNull' ? null : '';
      p.jtdh = null;
      pl.missingPhones.push(p.brid);
      break;
    case 'badPhoneShort':
    case 'badPhoneNineDigits':
      p.lxdh = role === 'badPhoneShort' ? '12345' : '138001380';
      p.jtdh = null;
      pl.badPhones.push(p.brid);
      break;
    case 'mergeSurvivor':
      ctx.mergeSurvivor = { brid: p.brid, surname: p.surname, xm: p.xm, xb: p.xb, birthDay: p.birthDay, sfzh: p.sfzh };
      break;
    case 'recycleFirst':
      ctx.recycledMzh = p.mzh;
      pl.recycledOutpatientNo = p.mzh;
      break;
    case 'recycleSecond':
      if (ctx.recycledMzh) p.mzh = ctx.recycledMzh;
      break;
    default:
      break;
  }
}

function contact(ctx: GenContext, p: Person): [string | null, string | null, string | null] {
  const { rng } = ctx;
  if (p.band > 0 && rng.chance(0.15)) return [null, null, null];
  const rel = p.age < 18 ? '父母' : RELATIONS_ADULT.draw(rng);
  const ownSurname = p.surname;
  const birthYear = Number(ctx.fmt.compact(p.birthDay).slice(0, 4));
  let name: string;
  if (rel === '配偶') name = fullName(rng, birthYear, p.sex === '1' ? '2' : '1');
  else if (rel === '子女') name = (rng.chance(0.7) ? ownSurname : surname(rng)) + givenName(rng, birthYear + 28, rng.chance(0.5) ? '1' : '2');
  else if (rel === '父母') name = (rng.chance(0.6) ? ownSurname : surname(rng)) + givenName(rng, birthYear - 28, rng.chance(0.5) ? '1' : '2');
  else name = fullName(rng, birthYear, rng.chance(0.5) ? '1' : '2');
  return [name, rel, mobile(rng)];
}

/** The V_BRXX row; xgsj is the patient's last activity so incremental reads see recently active patients. */
export function personRow(ctx: GenContext, p: Person, xgsjSec: number): (string | number | null)[] {
  const [lxrxm, lxrgx, lxrdh] = contact(ctx, p);
  return [p.brid, p.xm, p.xb, ctx.fmt.ymd(p.birthDay), p.sfzh, p.lxdh, p.jtdh, lxrxm, lxrgx, lxrdh, address(ctx.rng, p.area), ctx.fmt.dateTime(xgsjSec), 0];
}
