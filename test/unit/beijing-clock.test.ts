import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDemoHis } from '../../src/main/bootstrap';
import { loadConfig } from '../../src/main/config';
import { generateDemoHis } from '../../src/main/his/demo/generate';
import { clockOffsetMs, offsetClock } from '../../src/main/util/clock';
import { addBeijingMinutes, beijingDate, beijingInstant, beijingTimestamp } from '../../src/shared/beijing-time';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'followup-clock-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('Beijing wall clock', () => {
  it('reads an instant as Beijing time, whatever the machine zone', () => {
    // 19:30 UTC on 3 December is 03:30 on 4 December in Beijing.
    const t = new Date('2026-12-03T19:30:00Z');
    expect(beijingTimestamp(t)).toBe('2026-12-04 03:30:00');
    expect(beijingDate(t)).toBe('2026-12-04');
    expect(beijingDate(t.getTime())).toBe('2026-12-04');
  });

  it('turns wall-clock text back into the same instant, with or without seconds', () => {
    expect(beijingInstant('2026-12-04 03:30:00').toISOString()).toBe('2026-12-03T19:30:00.000Z');
    expect(beijingInstant('2026-12-04 03:30').toISOString()).toBe('2026-12-03T19:30:00.000Z');
    expect(beijingInstant('2026-12-04').toISOString()).toBe('2026-12-03T16:00:00.000Z');
  });

  it('moves a timestamp across midnight, month end and a leap day', () => {
    expect(addBeijingMinutes('2026-12-31 23:50:00', 15)).toBe('2027-01-01 00:05:00');
    expect(addBeijingMinutes('2028-02-28 23:00:00', 120)).toBe('2028-02-29 01:00:00');
    expect(addBeijingMinutes('2028-03-01 00:10:00', -20)).toBe('2028-02-29 23:50:00');
  });
});

describe('the product clock offset', () => {
  it('is zero when unset and a whole number of milliseconds otherwise', () => {
    expect(clockOffsetMs({})).toBe(0);
    expect(clockOffsetMs({ FOLLOWUP_CLOCK_OFFSET_MS: '-86400000' })).toBe(-86_400_000);
    expect(() => clockOffsetMs({ FOLLOWUP_CLOCK_OFFSET_MS: '1.5' })).toThrow(/whole number/);
  });

  it('shifts now() by the offset and keeps time moving', () => {
    const day = 86_400_000;
    const before = Date.now();
    const shifted = offsetClock(3 * day)
      .now()
      .getTime();
    expect(shifted - before).toBeGreaterThanOrEqual(3 * day);
    expect(shifted - Date.now()).toBeLessThanOrEqual(3 * day);
  });
});

describe('the demo HIS made on first start', () => {
  const fingerprint = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare('SELECT group_concat(xgsj) FROM (SELECT xgsj FROM V_ZY_CYBR ORDER BY zyh)').pluck().get();
    } finally {
      db.close();
    }
  };

  it("ends on the clock's Beijing today, not the machine's UTC date", () => {
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    const config = loadConfig(dataDir, {});
    // 03:30 in Beijing on 4 December: UTC still says 3 December.
    const clock = { now: () => new Date('2026-12-03T19:30:00Z') };
    ensureDemoHis(config, 60, clock, () => {});
    const made = path.join(dataDir, 'demo-his.sqlite');
    const expected = path.join(dir, 'expected.sqlite');
    const utcDay = path.join(dir, 'utc-day.sqlite');
    generateDemoHis({ out: expected, patients: 60, seed: 1, endDate: '2026-12-04' });
    generateDemoHis({ out: utcDay, patients: 60, seed: 1, endDate: '2026-12-03' });
    expect(fingerprint(made)).toBe(fingerprint(expected));
    expect(fingerprint(made)).not.toBe(fingerprint(utcDay));
  });
});

describe("the renderer's view of the server clock", () => {
  it('reads today and stamps from the server, however wrong the PC clock is', async () => {
    const { adoptServerTime, beijingToday, serverStamp } = await import('../../src/renderer/app/server-clock');
    const pcNow = Date.now();
    // The server says 23:59:30 on 29 February 2028 in Beijing; the request took 40 ms.
    const server = new Date('2028-02-29T15:59:30Z').getTime();
    adoptServerTime(server, pcNow - 40, pcNow);
    expect(beijingToday()).toBe('2028-02-29');
    expect(serverStamp(pcNow - 20)).toBe('2028-02-29 23:59:30');
    expect(serverStamp(pcNow - 20 + 60_000)).toBe('2028-03-01 00:00:30');
  });
});
