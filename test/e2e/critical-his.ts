import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { pinChildClocks } from '../helpers/pinned-clock';
import { stop, waitForListening, waitHealthy } from './fixtures';

// A checkup-centre client of our own making in a small demo HIS, and a workstation started (and
// started again later) on one data folder at a pinned Beijing time: a critical value's deadline
// passes between the two starts.

export interface CriticalClient {
  tjh: string;
  name: string;
  phone: string;
  checkupDate: string;
  /** 危急值报告时间 in the PEIS. */
  reportedAt: string;
}

/** A walk-in client (no HIS patient id) whose potassium of 6.8 the lab reported as a critical value. */
export function plantCriticalCheckup(hisFile: string, c: CriticalClient): void {
  const db = new Database(hisFile, { fileMustExist: true });
  try {
    db.prepare('INSERT INTO V_TJ_DJ (tjh, brid, xm, xb, sfzh, dh, tjrq, tcmc, zt, ryzt, zjjl) VALUES (?, NULL, ?, ?, NULL, ?, ?, ?, 5, 0, ?)').run(
      c.tjh,
      c.name,
      '1',
      c.phone,
      c.checkupDate,
      '中老年体检套餐A',
      '【危急值】血钾6.8mmol/L。',
    );
    const finding = db.prepare('INSERT INTO V_TJ_JG (tjh, xh, xmmc, jg, dw, ckz, ycbz, wjzbz, wjzbgsj) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    finding.run(c.tjh, 1, '血钾', '6.8', 'mmol/L', '3.5-5.5', 'H', 1, c.reportedAt);
    finding.run(c.tjh, 2, '空腹血糖', '5.2', 'mmol/L', '3.9-6.1', 'N', 0, null);
  } finally {
    db.close();
  }
}

export interface Workstation {
  url: string;
  stop(): Promise<void>;
}

/** `followup serve` on `dataDir` with its clock starting at the Beijing time `at`. */
export async function serveAt(dataDir: string, at: string): Promise<Workstation> {
  pinChildClocks(at);
  const repo = path.resolve(__dirname, '../..');
  const child = spawn(process.execPath, [path.join(repo, 'bin', 'followup.js'), 'serve', '--data', dataDir, '--port', '0', '--host', '127.0.0.1'], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await waitForListening(child, 240_000);
    await waitHealthy(url);
    return { url, stop: () => stop(child) };
  } catch (err) {
    await stop(child);
    throw err;
  }
}
