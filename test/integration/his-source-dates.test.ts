import { afterEach, describe, expect, it } from 'vitest';
import { parseWallClock } from '../../src/main/his/normalise/dates';
import { openKnexSource } from '../../src/main/his/sources/knex-source';
import { PG_ADMIN } from '../helpers/stores';

// A HIS time is Beijing wall clock whatever zone the workstation PC is set to: drivers must not
// turn it into a Date in the PC's zone (on a PC set to Beijing time that read every time 8 h early).
const MARIADB = process.env.FOLLOWUP_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306/mysql';
const SOURCES = [
  {
    client: 'pg' as const,
    url: PG_ADMIN,
    sql: "select timestamp '2026-07-01 09:00:00' as t, date '2026-07-01' as d, timestamptz '2026-07-01 01:00:00+00' as z",
  },
  {
    client: 'mysql' as const,
    url: MARIADB,
    sql: "select cast('2026-07-01 09:00:00' as datetime) as t, cast('2026-07-01' as date) as d, convert_tz(cast('2026-07-01 01:00:00' as datetime), '+00:00', @@session.time_zone) as z",
  },
];

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe.each(SOURCES)('dates from a $client HIS', ({ client, url, sql }) => {
  it.each(['Asia/Shanghai', 'UTC', 'America/New_York'])('are Beijing wall clock on a PC in %s', async (tz) => {
    process.env.TZ = tz;
    const source = await openKnexSource(client, url);
    try {
      const rows = [];
      for await (const batch of source.stream(sql, {}, 10)) rows.push(...batch);
      expect(parseWallClock(rows[0].t)).toBe('2026-07-01 09:00:00');
      expect(parseWallClock(rows[0].d)).toBe('2026-07-01 00:00:00');
      // An instant (01:00 UTC) is 09:00 in Beijing.
      expect(parseWallClock(rows[0].z)).toBe('2026-07-01 09:00:00');
    } finally {
      await source.close();
    }
  });
});
