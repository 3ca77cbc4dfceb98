import { expect, test } from './fixtures';
import { WorkstationScreen } from './pages';

// The PBX goes away and comes back (a kamailio restart on the same ports): the status bar says
// "offline" at once, and the phone registers again by itself within 10 s of the PBX's return.

test('kamailio stops: the status shows offline; it restarts: registered again within 10 s', async ({ nurse, infra, pbx }) => {
  const ws = new WorkstationScreen(nurse);
  await ws.openPhone(infra.workstation.url);
  await ws.waitRegistered();

  await pbx.stop();
  await expect(ws.status).toHaveAttribute('data-status', /offline|connecting/, { timeout: 5_000 });
  await expect(ws.status).toHaveAttribute('data-failure', 'unreachable');
  await expect(ws.status).toContainText('话机离线');
  // Down long enough for a few failed reconnects (the backoff grows meanwhile): the third attempt is scheduled.
  await expect(ws.status).toHaveAttribute('data-attempt', /^([3-9]|\d{2,})$/, { timeout: 10_000 });
  await expect(ws.status).not.toHaveAttribute('data-status', 'registered');

  const back = Date.now();
  await pbx.start();
  await ws.waitRegistered(10_000);
  const seconds = (Date.now() - back) / 1000;
  test.info().annotations.push({ type: 'reregistered-after', description: `${seconds.toFixed(1)} s` });
  console.log(`re-registered ${seconds.toFixed(1)} s after the PBX came back`);
  expect(seconds).toBeLessThan(10);
});
