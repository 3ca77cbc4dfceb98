import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/main/store/store';
import { makeDemoHis } from '../helpers/his';
import { tempDir } from '../helpers/stores';

const CLI = path.resolve(__dirname, '../../bin/followup.js');
const his = makeDemoHis(10000, 3);
const dirs: string[] = [his.dir];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function dataDir(): string {
  const dir = tempDir('followup-data');
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ his: { profile: 'demo', connection: { client: 'sqlite', filename: his.file } } }));
  return dir;
}

/** Runs `followup sync`; with killOn, SIGKILLs it as soon as stderr shows that entity in progress. */
function runSync(dir: string, killOn?: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'sync', '--data', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      if (killOn && stderr.includes(`${killOn}:`)) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}

const TABLES = ['patients', 'phones', 'patient_links', 'encounters', 'diagnoses', 'checkup_findings', 'diagnosis_dict', 'departments', 'rejected_rows'];

async function tableCounts(dir: string) {
  const store = await openStore({ client: 'sqlite', filename: path.join(dir, 'followup.sqlite') });
  try {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = Number((await store.knex(t).count({ n: '*' }))[0].n);
    const [dups] = await store
      .knex('encounters')
      .select('kind', 'source_id')
      .count({ n: '*' })
      .groupBy('kind', 'source_id')
      .having(store.knex.raw('count(*) > 1'))
      .limit(1);
    out.duplicateEncounters = dups ? 1 : 0;
    const [dupDx] = await store
      .knex('diagnoses')
      .select('encounter_id', 'seq_no', 'role')
      .count({ n: '*' })
      .groupBy('encounter_id', 'seq_no', 'role')
      .having(store.knex.raw('count(*) > 1'))
      .limit(1);
    out.duplicateDiagnoses = dupDx ? 1 : 0;
    out.interrupted = Number((await store.knex('sync_runs').where({ error: 'interrupted' }).count({ n: '*' }))[0].n);
    // A first load sets the finder's indexes aside; whatever happened, they must be back.
    out.pendingIndexes = Number((await store.knex('deferred_indexes').count({ n: '*' }))[0].n);
    out.encounterIndexes = (await store.knex.raw("select name from sqlite_master where type = 'index' and tbl_name = 'encounters'")).length;
    return out;
  } finally {
    await store.close();
  }
}

describe('a sync killed mid-way', () => {
  let clean: string;
  beforeAll(async () => {
    expect(fs.existsSync(path.resolve(__dirname, '../../dist/src/cli/main.js')), 'run `npm run build:node` first').toBe(true);
    clean = dataDir();
    expect((await runSync(clean)).code).toBe(0);
  });

  it.each(['inpatient_stays', 'checkup_findings'])('resumes after SIGKILL during %s with the same counts and no duplicates', async (entity) => {
    const crashed = dataDir();
    const killed = await runSync(crashed, entity);
    expect(killed.signal).toBe('SIGKILL');
    const rerun = await runSync(crashed);
    expect(rerun.code, rerun.stderr).toBe(0);
    const a = await tableCounts(clean);
    const b = await tableCounts(crashed);
    expect(b.interrupted).toBe(1);
    expect({ ...b, interrupted: 0 }).toEqual({ ...a, interrupted: 0 });
    expect(b.duplicateEncounters + b.duplicateDiagnoses).toBe(0);
  });
});
