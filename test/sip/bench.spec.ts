import fs from 'node:fs';
import path from 'node:path';
import { benchSip } from '../../bench/sip';
import { printRows } from '../../bench/stats';
import { expect, test } from './fixtures';

// The SIP bench, run here because it needs the loopback-only namespace this suite runs in.
// Rows go to the console and to test-results-sip/sip-bench.json. No tracing: its DOM snapshots
// walk the (large) workstation page on every action and would be measured as the product's.
test.use({ trace: 'off', screenshot: 'off' });

test('call set-up time: workstation within 1.3× of bare sip.js', async ({}, testInfo) => {
  test.setTimeout(180_000);
  const rows = await benchSip({ calls: 15, logDir: testInfo.outputPath('logs') });
  printRows(rows);
  fs.writeFileSync(path.join(testInfo.project.outputDir, 'sip-bench.json'), JSON.stringify(rows, null, 2));
  await testInfo.attach('sip-bench', { body: JSON.stringify(rows, null, 2), contentType: 'application/json' });
  for (const r of rows.filter((x) => x.pass !== undefined)) expect(r.pass, `${r.name}: ${r.value} ${r.unit}, target ${r.target}`).toBe(true);
});
