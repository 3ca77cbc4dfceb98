// Outpatient visits (V_MZ_JZ). This view carries the department NAME, including the pre-rename 心内科.
import { bucket, type GenContext } from './context';
import { SECONDS_PER_DAY, weekday } from './dates';
import { CARDIOLOGY_CODE, DEPARTMENT_BY_CODE, EMERGENCY_CODE, TCM_CODE, type Department } from './departments';
import { icdName } from './icd10';
import type { Person } from './people';
import { roleMinimums, type Role } from './planted';

function drawOpDept(ctx: GenContext, p: Person): Department {
  return ctx.opDepts[bucket(p.sex, p.band)].draw(ctx.rng);
}

function drawDay(ctx: GenContext, lastDay: number): number {
  const { rng } = ctx;
  let day = rng.between(ctx.startDay, lastDay);
  // Clinics run a reduced weekend service.
  const wd = weekday(day);
  if ((wd === 0 || wd === 6) && rng.chance(0.6)) day = rng.between(ctx.startDay, lastDay);
  return day;
}

function clinicSecond(ctx: GenContext, emergency: boolean): number {
  const { rng } = ctx;
  if (emergency) return rng.int(SECONDS_PER_DAY);
  return rng.chance(0.65) ? rng.between(8 * 3600, 11 * 3600 + 1800) : rng.between(13 * 3600 + 1800, 17 * 3600);
}

/** Returns the time of the last visit (0 when none). */
export function generateVisits(ctx: GenContext, p: Person, count: number, lastAliveDay: number, homeIp: Department | null, role: Role | undefined): number {
  const { rng, fmt, planted: pl } = ctx;
  if (count === 0) return 0;
  const home = homeIp && homeIp.opWeight[p.band] > 0 && rng.chance(0.6) ? homeIp : drawOpDept(ctx, p);
  const days = Array.from({ length: count }, () => drawDay(ctx, lastAliveDay)).sort((a, b) => a - b);
  const plantsVisit = roleMinimums(role).visits > 0;
  let lastSec = 0;
  for (let j = 0; j < count; j++) {
    const planted = j === 0 && plantsVisit ? role : undefined;
    let day = days[j];
    let dept = rng.chance(0.6) ? home : drawOpDept(ctx, p);
    if (planted === 'oldDeptVisit') {
      dept = DEPARTMENT_BY_CODE.get(CARDIOLOGY_CODE)!;
      const before = Math.min(ctx.renameDay - 1, lastAliveDay);
      day = before >= ctx.startDay ? rng.between(ctx.startDay, before) : ctx.renameDay - 1 - rng.int(30);
    }
    while (dept.code === TCM_CODE && day >= ctx.tcmClosedDay) dept = drawOpDept(ctx, p);
    const sec = day * SECONDS_PER_DAY + clinicSecond(ctx, dept.code === EMERGENCY_CODE);
    lastSec = Math.max(lastSec, sec);

    const jzxh = String(30_000_000 + ++ctx.seq.visit);
    let ksmc = dept.code === CARDIOLOGY_CODE && day < ctx.renameDay ? dept.formerName! : dept.name;
    let thbz = planted === undefined && rng.chance(0.01) ? 1 : 0;
    if (planted === 'cancelledVisit') {
      thbz = 1;
      pl.cancelledVisits.push(jzxh);
    } else if (planted === 'unknownDeptVisit') {
      ksmc = '不存在科';
      pl.badVisits.unknownDepartment = jzxh;
    } else if (planted === 'oldDeptVisit') {
      pl.badVisits.oldDepartmentName = jzxh;
    }
    // A cancelled registration never reached a doctor; a few real visits lack a coded diagnosis.
    const code = thbz === 0 && rng.chance(0.97) ? ctx.opDx.get(dept.code)![p.sex === '2' ? 1 : 0].draw(rng) : null;
    ctx.w.insert('V_MZ_JZ', [
      jzxh,
      p.mzh,
      p.brid,
      fmt.dateTime(sec),
      ksmc,
      thbz === 0 ? rng.pick(ctx.doctors.get(dept.code)!) : null,
      code,
      code === null ? null : icdName(code),
      thbz,
    ]);
  }
  return lastSec;
}
