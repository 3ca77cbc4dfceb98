// Checkup registrations (V_TJ_DJ) and results (V_TJ_JG) from the separate PEIS system.
import { ITEM_BY_NAME, PACKAGE_BY_NAME, type CheckupPackage } from './checkup-items';
import { bucket, type GenContext } from './context';
import { SECONDS_PER_DAY } from './dates';
import { conclusion, makeFinding, type Finding } from './findings';
import type { Person } from './people';
import { roleMinimums, type Role } from './planted';
import { Weighted } from './prng';

/** PEIS codes sex as '0' male, '1' female, '2' unknown, unlike GB/T 2261.1 in the HIS. */
const PEIS_SEX: Record<string, string> = { '1': '0', '2': '1' };
/** The lab reports a critical value (危急值报告时间) in the afternoon of the checkup day. */
const CRITICAL_REPORTED_SEC = 15 * 3600;
/** Checkups from the last two weeks are often still being worked through. */
const RECENT_STATUS = new Weighted<number>([
  [5, 40],
  [4, 15],
  [3, 15],
  [2, 10],
  [1, 10],
  [0, 10],
]);
/** Share of a package's items already resulted, by status. */
const RESULTED_SHARE = [0, 0.25, 0.5, 0.8, 1, 1];
const RECENT_DAYS = 14;

/** Returns the time of the last checkup (0 when none). */
export function generateCheckups(ctx: GenContext, p: Person, count: number, lastAliveDay: number, role: Role | undefined): number {
  const { rng, fmt, w, planted: pl } = ctx;
  if (count === 0) return 0;
  const days = Array.from({ length: count }, () => rng.between(ctx.startDay, lastAliveDay)).sort((a, b) => a - b);
  let lastSec = 0;
  const plantsCheckup = roleMinimums(role).checkups > 0;
  for (let j = 0; j < count; j++) {
    const planted = j === 0 && plantsCheckup ? role : undefined;
    const day = days[j];
    lastSec = Math.max(lastSec, day * SECONDS_PER_DAY + rng.between(7 * 3600, 11 * 3600));
    const tjh = `TJ${String(++ctx.seq.checkup).padStart(8, '0')}`;
    // PEIS often registers walk-ins without the HIS patient id; they can only be matched by ID number.
    const linked = planted === 'criticalFinding' || rng.chance(0.7);
    let pkg: CheckupPackage = ctx.packages[bucket(p.sex, p.band)].draw(rng);
    let ryzt = planted === undefined && rng.chance(0.01) ? 1 : 0;
    let zt = ctx.endDay - day < RECENT_DAYS ? RECENT_STATUS.draw(rng) : rng.chance(0.995) ? 5 : rng.int(5);
    let force: { item: string; value: number } | null = null;
    if (planted === 'cancelledCheckup') {
      ryzt = 1;
      pl.cancelledCheckups.push(tjh);
    } else if (planted === 'criticalFinding') {
      pkg = PACKAGE_BY_NAME.get('中老年体检套餐A')!;
      zt = 5;
      force = { item: '血钾', value: 6.8 };
      pl.criticalFindings.push(tjh);
    } else if (planted === 'orphanFindings') {
      zt = 5;
      pl.badFindings.unknownCheckup = tjh;
    }
    if (ryzt === 1) zt = 0;

    const findings: Finding[] = [];
    const share = RESULTED_SHARE[zt];
    for (const item of pkg.items) {
      if (item.sex && item.sex !== p.sex) continue;
      if (share < 1 && !rng.chance(share)) continue;
      const forced = force && force.item === item.name ? force.value : undefined;
      findings.push(makeFinding(rng, item, p.sex, p.age, p.band, forced));
    }
    if (force && !findings.some((f) => f.xmmc === force.item)) {
      findings.push(makeFinding(rng, ITEM_BY_NAME.get(force.item)!, p.sex, p.age, p.band, force.value));
    }

    // The orphan's registration row was deleted in PEIS; its results remain.
    if (planted !== 'orphanFindings') {
      w.insert('V_TJ_DJ', [
        tjh,
        linked ? p.brid : null,
        p.xm,
        PEIS_SEX[p.xb] ?? '2',
        p.sfzh,
        p.lxdh || p.jtdh,
        fmt.ymd(day),
        pkg.name,
        zt,
        ryzt,
        zt === 5 ? conclusion(findings) : null,
      ]);
    }
    const reported = (i: number) => fmt.dateTime(day * SECONDS_PER_DAY + CRITICAL_REPORTED_SEC + i * 60);
    findings.forEach((f, i) => w.insert('V_TJ_JG', [tjh, i + 1, f.xmmc, f.jg, f.dw, f.ckz, f.ycbz, f.wjzbz, f.wjzbz ? reported(i) : null]));
  }
  return lastSec;
}
