import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startWorkstation } from '../../src/main/bootstrap';
import { generateDemoHis } from '../../src/main/his/demo/generate';
import { DEMO_PLAN_CODE } from '../../src/main/plans/demo-plan';
import { fixedClock } from '../helpers/his';
import { tempDir } from '../helpers/stores';

// `npm start` on the embedded demo HIS used to end with an empty queue: no plan was live. On
// demo data the shipped general post-discharge plan is activated once and its tasks generated;
// on real HIS data nothing is activated behind the hospital's back.

const root = tempDir('followup-demo-start');
const clock = fixedClock('2026-06-30 09:00:00');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function planState(dataDir: string) {
  const { app } = await startWorkstation(dataDir, { demoPatients: 200, clock, log: () => {} });
  try {
    const plans = await app.store.knex('plans as p').join('plan_versions as v', 'v.id', 'p.active_version_id').select('p.code', 'v.version');
    const [{ n }] = await app.store.knex('tasks').count({ n: '*' });
    const versions = await app.store.knex('plan_versions').pluck('version');
    return { plans, tasks: Number(n), versions };
  } finally {
    await app.close();
  }
}

describe('first start', () => {
  it('on the demo HIS: activates the general post-discharge plan and fills the queue, once', async () => {
    const dataDir = path.join(root, 'demo');
    const first = await planState(dataDir);
    expect(first.plans).toEqual([{ code: DEMO_PLAN_CODE, version: 1 }]);
    expect(first.tasks).toBeGreaterThan(0);
    // A second start neither adds a version nor duplicates tasks.
    const again = await planState(dataDir);
    expect(again).toEqual(first);
  });

  it('on real HIS data: activates nothing (which plans run is the hospital’s choice)', async () => {
    const dataDir = path.join(root, 'real');
    fs.mkdirSync(dataDir, { recursive: true });
    const his = path.join(dataDir, 'his.sqlite');
    generateDemoHis({ out: his, patients: 200, seed: 1, endDate: '2026-06-30' });
    fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ his: { profile: 'demo', connection: { client: 'sqlite', filename: his } } }));
    const state = await planState(dataDir);
    expect(state).toEqual({ plans: [], tasks: 0, versions: [] });
  });
});
