import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import type { Store } from '../../src/main/store/store';
import { claimTask } from '../../src/main/tasks/claim';
import { logAttempt } from '../../src/main/tasks/drafts';
import type { User } from '../../src/shared/model';
import { fixedClock } from '../helpers/his';
import { livePlan, makeEncounter, makePatient, makeUsers, moodQuestionnaire, planDef } from '../helpers/followup';
import { createTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

// A dial is logged against the patient's stored phone, however the number was dialled: phones
// are stored normalised (landline 0AA-NNNNNNNN), dials may carry +86 or no area-code dash.

describe.each(STORE_KINDS)('attempts to stored landlines on %s', (kind) => {
  let t: TestStore;
  let store: Store;
  let amy: User;
  let taskId: number;
  let patientId: number;
  const clock = fixedClock('2026-07-01 09:00:00');
  const now = '2026-07-01 09:00:00';
  const phones = () =>
    store.knex('phones').where({ patient_id: patientId }).orderBy('id').select('number', 'kind', 'role', 'source', 'success_count', 'fail_count');
  const counts = async (number: string) => {
    const p = await store.knex('phones').where({ patient_id: patientId, number }).first('success_count', 'fail_count');
    return p && [Number(p.success_count), Number(p.fail_count)];
  };
  const dial = (phoneNumber: string, outcome: 'connected' | 'no_answer' | 'busy') => logAttempt(store, amy, { taskId, phoneNumber, outcome }, now);

  beforeAll(async () => {
    t = await createTestStore(kind);
    store = await t.open();
    [amy] = await makeUsers(store.knex, 1);
    await livePlan(store.knex, clock, planDef({ tracks: [{ id: 'post', name: '出院后', anchor: 'discharge', points: [{ at: { days: 7 } }] }] }));
    patientId = await makePatient(store.knex, { name: '周座机', phones: ['13900000011'] });
    // As the HIS sync stores them: a 3-digit and a 4-digit area code, each with its dash.
    await store.knex('phones').insert([
      { patient_id: patientId, number: '010-62345678', kind: 'landline', role: 'self' },
      { patient_id: patientId, number: '0571-8765432', kind: 'landline', role: 'contact', contact_name: '周女儿' },
    ]);
    await makeEncounter(store.knex, { patientId, kind: 'inpatient', date: '2026-06-24' });
    await runFollowupCycle(store, clock, moodQuestionnaire());
    const { id } = await store.knex('tasks').where({ patient_id: patientId, kind: 'followup' }).first('id');
    taskId = Number(id);
    await claimTask(store, taskId, amy, { today: '2026-07-01', now });
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
  });

  it('updates the stored landline whether dialled with or without the dash, with +86, or without the area code', async () => {
    const before = await phones();
    await dial('010-62345678', 'no_answer');
    expect(await counts('010-62345678')).toEqual([0, 1]);
    // 11 digits without the dash: normalisePhone alone would read it as 0106-2345678.
    await dial('01062345678', 'busy');
    await dial('+86 010 6234 5678', 'connected');
    await dial('+86-01062345678', 'no_answer');
    await dial('62345678', 'connected');
    expect(await counts('010-62345678')).toEqual([2, 3]);

    await dial('0571-8765432', 'busy');
    const logged = await dial('+8605718765432', 'connected');
    expect(await counts('0571-8765432')).toEqual([1, 1]);
    // The mobile with +86 and spaces, too.
    await dial('+86 139 0000 0011', 'connected');
    expect(await counts('13900000011')).toEqual([1, 0]);

    expect(await phones()).toEqual(before.map((p) => expect.objectContaining({ number: p.number, kind: p.kind, role: p.role })));
    expect(await store.knex('attempts').where({ task_id: taskId }).orderBy('id').pluck('phone_number')).toEqual([
      '010-62345678',
      '010-62345678',
      '010-62345678',
      '010-62345678',
      '010-62345678',
      '0571-8765432',
      '0571-8765432',
      '13900000011',
    ]);
    // The screen's list shows the dials under the stored numbers.
    expect(logged.attempt.phoneNumber).toBe('0571-8765432');
    const landline = logged.phones.find((p) => p.number === '010-62345678')!;
    expect(landline).toMatchObject({ successCount: 2, failCount: 3 });
    expect(landline.recent).toHaveLength(5);
  });

  it('keeps a new number normalised, so the next dial of it finds it', async () => {
    await dial('+86 021-5555 6666', 'no_answer');
    await dial('02155556666', 'connected');
    const added = (await phones()).filter((p) => p.source === 'nurse');
    expect(added).toEqual([expect.objectContaining({ number: '021-55556666', kind: 'landline', role: 'contact' })]);
    expect(await counts('021-55556666')).toEqual([1, 1]);
  });
});
