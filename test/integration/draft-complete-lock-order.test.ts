import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import { shippedLibrary } from '../../src/main/questionnaires/questionnaire-library';
import type { Store } from '../../src/main/store/store';
import type { User } from '../../src/shared/model';
import { ipcDispatch, type TestDispatch } from '../helpers/dispatch';
import { livePlan, makeEncounter, makePatient, makeUsers, planDef } from '../helpers/followup';
import { fixedClock } from '../helpers/his';
import { untilSomeoneWaits } from '../helpers/pg-locks';
import { createTestStore, tempDir, type TestStore } from '../helpers/stores';

// The draft timer fires while the nurse's completion is on its way (she answered the last
// question and pressed Ctrl+Enter at once). Completing locks the task, then the response; a save
// that turns the task red locked the response, then the task. PostgreSQL would fail one of them
// with a deadlock; the save now waits for the task first and is told the questionnaire is in.

describe('a draft saved while the same task is being completed, on PostgreSQL', () => {
  let t: TestStore;
  let store: Store;
  let amy: User;
  let dispatch: TestDispatch;
  const dataDir = tempDir('draft-lock');
  const clock = fixedClock('2026-07-01 09:00:00');

  beforeAll(async () => {
    t = await createTestStore('pg');
    store = await t.open();
    dispatch = ipcDispatch(store, clock, dataDir);
    [amy] = await makeUsers(store.knex, 1);
    await livePlan(
      store.knex,
      clock,
      planDef({
        tracks: [{ id: 'post', name: '出院后', anchor: 'discharge', questionnaire: { id: 'post-discharge-recovery' }, points: [{ at: { days: 7 } }] }],
      }),
    );
    const patientId = await makePatient(store.knex, { name: '草稿丁', phones: ['13911113333'] });
    await makeEncounter(store.knex, { patientId, kind: 'inpatient', date: '2026-06-26' });
    await runFollowupCycle(store, clock, shippedLibrary());
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('lets the completion commit and refuses the late save cleanly', async () => {
    const { task } = await dispatch(amy, 'tasks.claimNext', {});
    await dispatch(amy, 'followup.saveDraft', { taskId: task.id, answers: { general_condition: 'better' }, seq: 1 });

    // followup.complete's order (tasks/complete.ts): the task first, then the response.
    const completing = await store.knex.transaction();
    await completing('tasks').where({ id: task.id }).update({ updated_at: '2026-07-01 09:01:00' });
    // A red answer: the save would recolour the task after writing the response.
    const late = dispatch(amy, 'followup.saveDraft', {
      taskId: task.id,
      answers: { general_condition: 'better', condition_control: 'not_controlled' },
      seq: 2,
    }).catch((err: { code: string }) => err);
    await untilSomeoneWaits(store.knex);
    await completing('responses').where({ task_id: task.id }).update({ draft: 0, version: 2 });
    await completing('tasks').where({ id: task.id }).update({ status: 'done', disposition: 'completed' });
    await completing.commit();

    expect(await late).toMatchObject({ code: 'conflict' });
    expect(await store.knex('tasks').where({ id: task.id }).first('status', 'colour')).toMatchObject({ status: 'done' });
    expect(await store.knex('responses').where({ task_id: task.id }).first('draft', 'answers')).toEqual({
      draft: 0,
      answers: JSON.stringify({ general_condition: 'better' }),
    });
  });
});
