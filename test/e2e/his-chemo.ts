import Database from 'better-sqlite3';

// A lung-cancer patient whose treatment start the HIS itself gives: the earliest kept lung-cancer
// stay (C33/C34 or a name with 肺癌, discharged in the look-back window) followed by a
// chemotherapy or radiotherapy stay (main diagnosis Z51.1x / Z51.0x) admitted on or after it.
// Read straight from the demo HIS file, so the UI is checked against the source.

export interface ChemoCase {
  brid: string;
  name: string;
  /** The lung-cancer stay's discharge date (the enrolment's anchor). */
  cancerDischarge: string;
  /** The first Z51 stay's admission date: the treatment start the plan should find. */
  treatmentStart: string;
  chemoCode: string;
}

const dashed = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

export function pickChemoCase(file: string, from: string, to: string): ChemoCase {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        `WITH lung AS (
           SELECT s.brid, s.zyh, s.ryrq, s.cyrq,
                  ROW_NUMBER() OVER (PARTITION BY s.brid ORDER BY s.cyrq, s.zyh) AS k
             FROM V_ZY_CYBR s JOIN V_ZY_ZD z ON z.zyh = s.zyh AND z.zyzdbz = 1
            WHERE s.cypb IN (8, 9) AND COALESCE(s.lyfs, '') <> '5' AND s.cyrq >= s.ryrq
              AND (substr(z.zdbm, 1, 3) IN ('C33', 'C34') OR z.zdmc LIKE '%肺癌%')
              AND substr(s.cyrq, 1, 8) BETWEEN @from AND @to)
         SELECT l.brid, b.xm AS name, substr(l.cyrq, 1, 8) AS discharge,
                MIN(substr(c.ryrq, 1, 8)) AS start, MIN(z.zdbm) AS code
           FROM lung l
           JOIN V_BRXX b ON b.brid = l.brid
           JOIN V_ZY_CYBR c ON c.brid = l.brid AND c.cypb <> 99 AND c.ryrq >= l.ryrq
           JOIN V_ZY_ZD z ON z.zyh = c.zyh AND z.zyzdbz = 1 AND (z.zdbm LIKE 'Z51.1%' OR z.zdbm LIKE 'Z51.0%')
          WHERE l.k = 1
            AND NOT EXISTS (SELECT 1 FROM V_BR_HB h WHERE h.ybrid = l.brid OR h.xbrid = l.brid)
          GROUP BY l.brid, b.xm, l.cyrq
          ORDER BY start DESC`,
      )
      .all({ from: from.replaceAll('-', ''), to: to.replaceAll('-', '') }) as { brid: string; name: string; discharge: string; start: string; code: string }[];
    // A name shared with another patient would make the queue row ambiguous.
    const unique = rows.find((r) => (db.prepare('SELECT COUNT(*) AS n FROM V_BRXX WHERE xm = ?').get(r.name) as { n: number }).n === 1);
    if (!unique) throw new Error(`no lung-cancer stay between ${from} and ${to} is followed by a Z51 stay; widen the look-back`);
    return { brid: unique.brid, name: unique.name, cancerDischarge: dashed(unique.discharge), treatmentStart: dashed(unique.start), chemoCode: unique.code };
  } finally {
    db.close();
  }
}
