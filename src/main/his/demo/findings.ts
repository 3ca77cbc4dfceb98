// One checkup item's result (V_TJ_JG row) and the summary conclusion (总检结论) written from the abnormal ones.
import type { CheckupItem, NumericItem } from './checkup-items';
import type { BodySex } from './context';
import { Rng, Weighted } from './prng';

export interface Finding {
  xmmc: string;
  jg: string;
  dw: string | null;
  ckz: string | null;
  ycbz: 'N' | 'H' | 'L' | 'A';
  wjzbz: 0 | 1;
}

/** Per crit-capable numeric finding; tuned so roughly 0.5% of all findings are critical. */
const CRITICAL_SHARE = 0.009;
/** Older people are more often abnormal. */
const AGE_FACTOR = [0.3, 0.6, 1.2, 1.8];

const textTables = new Map<string, Weighted<string>>();

function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.next();
}

function numericFinding(rng: Rng, item: NumericItem, sex: BodySex, age: number, band: number, force?: number): Finding {
  const [ckz, lo, hi, mean, sd] = sex === '2' && item.female ? item.female : item.male;
  let v: number;
  const u = rng.next();
  const f = AGE_FACTOR[band];
  const pHi = item.hi ? item.hi[0] * f : 0;
  const pLo = item.lo ? item.lo[0] * f : 0;
  if (force !== undefined) v = force;
  else if ((item.critHi || item.critLo) && u < CRITICAL_SHARE) {
    const crit = item.critHi && item.critLo ? (rng.chance(0.5) ? item.critHi : item.critLo) : (item.critHi ?? item.critLo)!;
    v = uniform(rng, crit[1], crit[2]);
  } else if (item.hi && u < CRITICAL_SHARE + pHi) v = uniform(rng, item.hi[1], item.hi[2]);
  else if (item.lo && u < CRITICAL_SHARE + pHi + pLo) v = uniform(rng, item.lo[1], item.lo[2]);
  else v = mean + (item.ageSlope ?? 0) * Math.max(0, age - 40) + sd * rng.gauss();
  const jg = Math.max(0, v).toFixed(item.decimals);
  // Flags come from the printed value, as the lab system would compute them.
  const shown = Number(jg);
  const critical = (item.critHi !== undefined && shown >= item.critHi[0]) || (item.critLo !== undefined && shown <= item.critLo[0]);
  return {
    xmmc: item.name,
    jg,
    dw: item.unit,
    ckz,
    ycbz: shown > hi ? 'H' : shown < lo ? 'L' : 'N',
    wjzbz: critical ? 1 : 0,
  };
}

export function makeFinding(rng: Rng, item: CheckupItem, sex: BodySex, age: number, band: number, force?: number): Finding {
  if (item.kind === 'num') return numericFinding(rng, item, sex, age, band, force);
  if (!rng.chance(item.abnormalShare * AGE_FACTOR[band])) {
    return { xmmc: item.name, jg: item.normal, dw: null, ckz: item.ref, ycbz: 'N', wjzbz: 0 };
  }
  let table = textTables.get(item.name);
  if (!table) textTables.set(item.name, (table = new Weighted(item.abnormal)));
  return { xmmc: item.name, jg: table.draw(rng), dw: null, ckz: item.ref, ycbz: 'A', wjzbz: 0 };
}

const ADVICE: Record<string, string> = {
  收缩压: '血压偏高，建议心血管内科随诊',
  舒张压: '血压偏高，建议心血管内科随诊',
  空腹血糖: '血糖异常，建议内分泌科就诊',
  糖化血红蛋白: '血糖控制不佳，建议内分泌科就诊',
  总胆固醇: '血脂异常，建议低脂饮食，3个月后复查',
  甘油三酯: '血脂异常，建议低脂饮食，3个月后复查',
  低密度脂蛋白胆固醇: '血脂异常，建议低脂饮食，3个月后复查',
  谷丙转氨酶: '肝功能异常，建议消化内科就诊',
  血肌酐: '肾功能异常，建议肾内科就诊',
  尿酸: '尿酸偏高，建议低嘌呤饮食',
  血红蛋白: '贫血，建议查明原因',
  胸部CT: '建议呼吸内科或胸外科就诊',
  乳腺彩超: '建议乳腺外科随诊',
};

/** '376' + '10^9/L' must read 376×10^9/L, not 37610^9/L. */
function withUnit(f: Finding): string {
  if (!f.dw) return f.jg;
  return /^\d/.test(f.dw) ? `${f.jg}×${f.dw}` : `${f.jg}${f.dw}`;
}

export function conclusion(findings: readonly Finding[]): string {
  const abnormal = findings.filter((f) => f.ycbz !== 'N');
  if (abnormal.length === 0) return '本次体检各项检查未见明显异常，建议每年定期体检。';
  const lines: string[] = [];
  const critical = abnormal.filter((f) => f.wjzbz === 1);
  if (critical.length > 0) {
    lines.push(`【危急值】${critical.map((f) => `${f.xmmc}${withUnit(f)}`).join('，')}，已电话通知本人。`);
  }
  abnormal.forEach((f, i) => {
    const what = f.ycbz === 'A' ? `${f.xmmc}：${f.jg}` : `${f.xmmc}${f.ycbz === 'H' ? '偏高' : '偏低'}（${withUnit(f)}）`;
    lines.push(`${i + 1}.${what}，${ADVICE[f.xmmc] ?? '建议复查'}。`);
  });
  return lines.join('\n');
}
