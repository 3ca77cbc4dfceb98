import Database from 'better-sqlite3';

// Expected values computed straight from the demo HIS file, independently of the sync, so the
// UI's numbers are checked against the source and not against our own store.

export interface FinderCase {
  deptCode: string;
  deptName: string;
  keyword: string;
  /** The ICD-10 categories the keyword stands for (templates/diagnosis-synonyms.json), inclusive. */
  categories: [string, string];
  /** YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  expected: number;
}

// What each keyword means by ICD-10 (written out here, not read from the shipped dictionary).
const KEYWORDS: [string, [string, string]][] = [
  ['肺癌', ['C33', 'C34']],
  ['高血压', ['I10', 'I15']],
  ['糖尿病', ['E10', 'E14']],
  ['肺炎', ['J12', 'J18']],
  ['脑梗死', ['I63', 'I63']],
  ['冠心病', ['I20', 'I25']],
];

// A stay the sync keeps: known patient, not cancelled (cypb 99), a real calendar discharge
// time not before admission; a main diagnosis (zyzdbz = 1) whose name carries the keyword or
// whose category is one the keyword stands for.
const keptStays = (join = '') => `
  FROM V_ZY_CYBR s ${join}
  JOIN V_ZY_ZD z ON z.zyh = s.zyh AND z.zyzdbz = 1
  WHERE s.zyh IS NOT NULL AND s.zyh <> ''
    AND EXISTS (SELECT 1 FROM V_BRXX b WHERE b.brid = s.brid)
    AND s.cypb <> 99
    AND s.cyrq GLOB '[0-9][0-9][0-9][0-9][0-1][0-9][0-3][0-9]*'
    AND substr(s.cyrq, 5, 2) BETWEEN '01' AND '12' AND substr(s.cyrq, 7, 2) BETWEEN '01' AND '31'
    AND s.cyrq >= s.ryrq
    AND (z.zdmc LIKE '%' || @keyword || '%' OR substr(z.zdbm, 1, 3) BETWEEN @catFrom AND @catTo)`;

const compact = (d: string) => d.replaceAll('-', '');
const dashed = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

function withDb<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const keywordParams = (c: Pick<FinderCase, 'keyword' | 'categories'>) => ({ keyword: c.keyword, catFrom: c.categories[0], catTo: c.categories[1] });

export function countStays(file: string, c: Omit<FinderCase, 'expected' | 'deptName'>): number {
  return withDb(file, (db) => {
    const row = db
      .prepare(`SELECT COUNT(DISTINCT s.zyh) AS n ${keptStays()} AND s.cyks = @dept AND substr(s.cyrq, 1, 8) BETWEEN @from AND @to`)
      .get({ ...keywordParams(c), dept: c.deptCode, from: compact(c.from), to: compact(c.to) }) as { n: number };
    return row.n;
  });
}

/**
 * The busiest active department for some common keyword, with a discharge window covering the
 * middle half of its stays, so each of the three filters really narrows the result.
 */
export function pickFinderCase(file: string): FinderCase {
  const picked = withDb(file, (db) => {
    for (const [keyword, categories] of KEYWORDS) {
      const params = keywordParams({ keyword, categories });
      const best = db
        .prepare(
          `SELECT s.cyks AS code, k.ksmc AS name, COUNT(DISTINCT s.zyh) AS n
           ${keptStays('JOIN V_KS k ON k.ksdm = s.cyks AND COALESCE(k.tybz, 0) = 0')}
           GROUP BY s.cyks ORDER BY n DESC, s.cyks LIMIT 1`,
        )
        .get(params) as { code: string; name: string; n: number } | undefined;
      if (!best || best.n < 8) continue;
      const days = (
        db.prepare(`SELECT substr(s.cyrq, 1, 8) AS d ${keptStays()} AND s.cyks = @dept ORDER BY d`).all({ ...params, dept: best.code }) as { d: string }[]
      ).map((r) => r.d);
      return {
        deptCode: best.code,
        deptName: best.name,
        keyword,
        categories,
        from: dashed(days[Math.floor(days.length / 4)]),
        to: dashed(days[Math.floor((days.length * 3) / 4)]),
      };
    }
    throw new Error(`no department has 8 stays with any of ${KEYWORDS.map(([k]) => k).join(', ')}; generate more demo patients`);
  });
  return { ...picked, expected: countStays(file, picked) };
}

export interface TimelineCase {
  brid: string;
  name: string;
  /** 住院号 (zyhm) of one of the patient's stays, typed into the finder's search box. */
  inpatientNo: string;
  idNumber: string | null;
}

/**
 * A patient with a kept stay, an outpatient visit and a checkup with a critical finding; the
 * planted critical checkups are tried first, then any other critical checkup in the HIS.
 */
export function pickTimelineCase(file: string, plantedCritical: string[]): TimelineCase {
  return withDb(file, (db) => {
    const others = (db.prepare('SELECT DISTINCT tjh FROM V_TJ_JG WHERE wjzbz = 1 ORDER BY tjh').all() as { tjh: string }[]).map((r) => r.tjh);
    const criticalCheckups = [...new Set([...plantedCritical, ...others])];
    const stmt = db.prepare(
      `SELECT p.brid, p.xm AS name, p.sfzh AS idNumber, s.zyhm AS inpatientNo
         FROM V_TJ_DJ t
         JOIN V_BRXX p ON p.brid = t.brid
         JOIN V_ZY_CYBR s ON s.brid = p.brid AND s.cypb <> 99 AND s.zyh <> '' AND s.cyrq >= s.ryrq
        WHERE t.tjh = ? AND COALESCE(t.ryzt, 0) = 0
          AND NOT EXISTS (SELECT 1 FROM V_BR_HB h WHERE h.ybrid = p.brid OR h.xbrid = p.brid)
          AND EXISTS (SELECT 1 FROM V_MZ_JZ v WHERE v.brid = p.brid AND COALESCE(v.thbz, 0) = 0)
        ORDER BY s.zyhm LIMIT 1`,
    );
    for (const tjh of criticalCheckups) {
      const hit = stmt.get(tjh) as TimelineCase | undefined;
      if (hit) return hit;
    }
    throw new Error(`none of the critical checkups ${criticalCheckups.join(', ')} belongs to a patient with stays and visits`);
  });
}

/** A patient with a valid-looking 18-character ID number and at least one kept stay. */
export function pickPatientWithId(file: string): TimelineCase {
  return withDb(file, (db) => {
    const hit = db
      .prepare(
        `SELECT p.brid, p.xm AS name, p.sfzh AS idNumber, s.zyhm AS inpatientNo
           FROM V_BRXX p JOIN V_ZY_CYBR s ON s.brid = p.brid AND s.cypb <> 99 AND s.zyh <> '' AND s.cyrq >= s.ryrq
          WHERE length(p.sfzh) = 18
            AND NOT EXISTS (SELECT 1 FROM V_BR_HB h WHERE h.ybrid = p.brid OR h.xbrid = p.brid)
          ORDER BY s.zyhm LIMIT 1`,
      )
      .get() as TimelineCase | undefined;
    if (!hit) throw new Error('the demo HIS has no patient with an 18-character ID number and a stay');
    return hit;
  });
}
