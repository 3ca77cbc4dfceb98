import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { pinChildClocks } from '../../helpers/pinned-clock';
import { startProc, waitFor, type Proc } from './procs';
import { REPO } from './repo';

// The workstation under test: `followup serve` on a fresh data directory with a small demo
// HIS generated from a pinned date (the same patients whatever day the suite runs), and the
// users the tests sign in as. Patients and their phones come from its store.

const CLI = path.join(REPO, 'bin', 'followup.js');
const run = promisify(execFile);

/** The admin's PBX list (config softphone.pbxWebSocketOrigins) for the suite's workstation. */
export const PBX_ORIGINS = 'ws://127.0.0.1:*';

export const NURSE = { username: 'nurse1', password: 'secret-1234', name: '护士甲' };
/** A nurse with no SIP account yet: the set-up test enters hers through the UI. */
export const NEW_NURSE = { username: 'nurse2', password: 'secret-1234', name: '护士乙' };

export interface Workstation {
  url: string;
  dataDir: string;
  storeFile: string;
  proc: Proc;
  stop(): Promise<void>;
}

export function assertBuilt(): void {
  for (const f of ['dist/src/cli/main.js', 'dist/renderer/index.html'])
    if (!fs.existsSync(path.join(REPO, f))) throw new Error(`${f} is missing: run \`npm run build\` before the SIP tests`);
}

export async function startWorkstation(o: { dataDir: string; port: number; logDir: string }): Promise<Workstation> {
  assertBuilt();
  pinChildClocks();
  // Each test's kamailio listens on a fresh local port: the admin allows the loopback PBX on any.
  fs.writeFileSync(path.join(o.dataDir, 'config.json'), JSON.stringify({ softphone: { pbxWebSocketOrigins: [PBX_ORIGINS] } }));
  for (const u of [NURSE, NEW_NURSE])
    await run(
      process.execPath,
      [CLI, 'user', 'add', '--data', o.dataDir, '--username', u.username, '--role', 'nurse', '--password', u.password, '--name', u.name],
      { cwd: REPO },
    );
  const proc = startProc(
    'workstation',
    process.execPath,
    [CLI, 'serve', '--data', o.dataDir, '--port', String(o.port), '--host', '127.0.0.1', '--demo-patients', '80'],
    { logDir: o.logDir, cwd: REPO, worker: true },
  );
  const url = await waitFor(
    'workstation listening',
    () => {
      if (proc.child.exitCode !== null) throw new Error(`serve exited: ${proc.log().slice(-3000)}`);
      return /listening on (http:\/\/\S+)/.exec(proc.log())?.[1];
    },
    120_000,
    100,
  );
  return { url, dataDir: o.dataDir, storeFile: path.join(o.dataDir, 'followup.sqlite'), proc, stop: () => proc.stop() };
}

export interface KnownPatient {
  id: number;
  name: string;
  number: string;
}

/** Patients each with a mobile number that no other patient shares, so a call pops up exactly one. */
export function patientsWithOwnMobile(storeFile: string, n: number): KnownPatient[] {
  const db = new Database(storeFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT p.id, p.name, ph.number FROM phones ph JOIN patients p ON p.id = ph.patient_id
        WHERE ph.kind = 'mobile' AND ph.role = 'self' AND p.merged_into_patient_id IS NULL
          AND (SELECT COUNT(*) FROM phones o WHERE o.number = ph.number) = 1
        ORDER BY p.id LIMIT ?`,
      )
      .all(n) as KnownPatient[];
  } finally {
    db.close();
  }
}

/** What the missed-call hook made of each missed call: its callback task, if any. */
export function readMissedCallCallbacks(storeFile: string): Record<string, unknown>[] {
  const db = new Database(storeFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        'SELECT m.call_id, m.patient_id, m.task_id, t.kind, t.status FROM missed_call_callbacks m LEFT JOIN tasks t ON t.id = m.task_id ORDER BY m.call_id',
      )
      .all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

export function readCalls(storeFile: string): Record<string, unknown>[] {
  const db = new Database(storeFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT * FROM calls ORDER BY id').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

/**
 * Makes the general post-discharge plan live and generates its tasks (the CLI, on the running
 * workstation's store), then returns a patient it enrolled whose mobile no one else has.
 */
export async function enrolledPatientWithOwnMobile(ws: Workstation): Promise<KnownPatient> {
  const plan = path.join(REPO, 'templates', 'plans', 'general-post-discharge.json');
  await run(process.execPath, [CLI, 'plans', 'import', '--data', ws.dataDir, '--activate', plan], { cwd: REPO });
  await run(process.execPath, [CLI, 'tasks', 'generate', '--data', ws.dataDir], { cwd: REPO });
  const db = new Database(ws.storeFile, { readonly: true, fileMustExist: true });
  try {
    const p = db
      .prepare(
        `SELECT p.id, p.name, ph.number FROM phones ph JOIN patients p ON p.id = ph.patient_id
        WHERE ph.kind = 'mobile' AND ph.role = 'self' AND p.merged_into_patient_id IS NULL
          AND (SELECT COUNT(*) FROM phones o WHERE o.number = ph.number) = 1
          AND EXISTS (SELECT 1 FROM enrolments e WHERE e.patient_id = p.id)
        ORDER BY p.id DESC LIMIT 1`,
      )
      .get() as KnownPatient | undefined;
    if (!p) throw new Error('the general post-discharge plan enrolled no patient with a mobile of their own');
    return p;
  } finally {
    db.close();
  }
}
