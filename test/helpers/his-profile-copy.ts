import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './stores';

export const DEMO_PROFILE_DIR = path.resolve(__dirname, '../../templates/his/demo');

/** A copy of the shipped demo profile, edited: `sql` maps a file name to a change of its text. */
export function editedDemoProfile(
  edits: { sql?: Record<string, (text: string) => string>; profile?: (p: Record<string, unknown>) => void } = {},
  into?: string,
): string {
  const dir = into ?? path.join(tempDir('followup-profile'), 'demo-edited');
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(DEMO_PROFILE_DIR)) fs.copyFileSync(path.join(DEMO_PROFILE_DIR, f), path.join(dir, f));
  for (const [file, edit] of Object.entries(edits.sql ?? {})) {
    const p = path.join(dir, file);
    const before = fs.readFileSync(p, 'utf8');
    const after = edit(before);
    if (after === before) throw new Error(`edit of ${file} changed nothing`);
    fs.writeFileSync(p, after);
  }
  if (edits.profile) {
    const p = path.join(dir, 'profile.json');
    const json = JSON.parse(fs.readFileSync(p, 'utf8'));
    edits.profile(json);
    fs.writeFileSync(p, JSON.stringify(json, null, 2));
  }
  return dir;
}

export const misspelledAlias = { sql: { 'inpatient_stays.sql': (s: string) => s.replace('AS discharge_dept_code', 'AS discharge_dept') } };
export const missingView = { sql: { 'outpatient_visits.sql': (s: string) => s.replace('FROM V_MZ_JZ', 'FROM V_MZ_JZXX') } };
export const unmappedCode = {
  profile: (p: Record<string, unknown>) => {
    delete (p.valueMaps as Record<string, Record<string, string>>)['inpatient_stays.status']['8'];
  },
};
// A naive comparison of a char(16) 'yyyymmddhh:mi:ss' column with :since ('YYYY-MM-DD HH:mm:ss').
export const wrongParamFormat = {
  sql: { 'inpatient_stays.sql': (s: string) => s.replace('WHERE a.xgsj >= :since AND a.xgsj < :until', 'WHERE a.cyrq >= :since AND a.cyrq < :until') },
};
