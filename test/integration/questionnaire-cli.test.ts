import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFhirQuestionnaire } from '../../src/shared/questionnaire/fhir';
import { tablesToXlsx } from '../../src/main/questionnaires/xlsx-import';
import { exampleTables } from '../helpers/questionnaire-sheets';

// Runs the built CLI (npm run build:node); skipped when dist/ has not been built.
const ROOT = path.resolve(__dirname, '../..');
const built = fs.existsSync(path.join(ROOT, 'dist/src/cli/questionnaire.js'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'q-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/followup.js'), ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const file = (name: string, content: unknown) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content));
  return p;
};
const phq = (item9: string) => ({ ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`phq9_${i + 1}`, i === 0 ? '1' : '0'])), phq9_9: item9 });

describe.skipIf(!built)('followup questionnaire / template (built CLI)', { timeout: 60_000 }, () => {
  it('scores a shipped template by id: PHQ-9 item 9 = 1, total 2 → red, escalate', () => {
    const r = run('questionnaire', 'score', 'phq9', file('a.json', phq('1')));
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out);
    expect(out).toMatchObject({ warningColor: 'red', escalate: true, bands: { phq9_total: { color: 'green' } }, triggers: [{ id: 'phq9_item9_positive' }] });
    expect(out.scores[0]).toMatchObject({ id: 'phq9_total', value: 2, complete: true });
  });

  it('fails clearly on answers that do not fit, and on a broken definition file', () => {
    const bad = run('questionnaire', 'score', path.join(ROOT, 'templates/questionnaires/phq9.json'), file('b.json', { ...phq('4') }));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('answers do not fit phq9 v1: phq9_9: "4" is not an option');
    const def = JSON.parse(fs.readFileSync(path.join(ROOT, 'templates/questionnaires/gad7.json'), 'utf8'));
    def.scores[0].bands[1].min = 6;
    const broken = run('questionnaire', 'score', file('mine.json', def), file('c.json', {}));
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('invalid questionnaire definition');
    expect(broken.err).toContain('gap between bands');
  });

  it('imports a workbook to JSON, and reports a bad one by cell', () => {
    const ok = run('template', 'import', file('copd.xlsx', tablesToXlsx(exampleTables())), '--out', 'out/copd.json');
    expect(ok.code, ok.err).toBe(0);
    expect(ok.err).toContain('questionnaire copd-followup v1');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'out/copd.json'), 'utf8'))).toMatchObject({ id: 'copd-followup', items: expect.any(Array) });
    const t = exampleTables();
    t.items[7][1] = 'singel';
    const bad = run('template', 'import', file('bad.xlsx', tablesToXlsx(t)));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('items!B8: unknown type "singel"');
  });

  it('exports a template as FHIR R4', () => {
    const r = run('template', 'export', 'ctcae-chemo', '--format', 'fhir', '--base-url', 'https://fhir.example.cn/fhir');
    expect(r.code, r.err).toBe(0);
    const q = JSON.parse(r.out);
    expect(q.url).toBe('https://fhir.example.cn/fhir/Questionnaire/ctcae-chemo');
    expect(checkFhirQuestionnaire(q)).toEqual([]);
  });
});
