import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatcherFor } from '../../src/main/api/app-dispatcher';
import type { Services } from '../../src/main/api/services';
import { loadConfig } from '../../src/main/config';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import { shippedLibrary } from '../../src/main/questionnaires/questionnaire-library';
import type { Store } from '../../src/main/store/store';
import type { User } from '../../src/shared/model';
import { livePlan, makeEncounter, makePatient, makeUsers, planDef } from '../helpers/followup';
import { fixedClock } from '../helpers/his';
import { createTestStore, tempDir, type TestStore } from '../helpers/stores';

// The server log is read by IT staff and kept for months: an unexpected failure is logged as
// the method, the error's class and code, where it was thrown and an id the caller gets too,
// never as the failing statement or its values (a nurse's answers, a patient's name).

const SECRET = '左腿麻木 SENTINEL-7731';

describe('the dispatcher log on a failed query', () => {
  let t: TestStore;
  let store: Store;
  let amy: User;
  const dataDir = tempDir('followup-dispatch-log');
  const clock = fixedClock('2026-07-01 09:00:00');

  beforeAll(async () => {
    t = await createTestStore('sqlite');
    store = await t.open();
    [amy] = await makeUsers(store.knex, 1);
    await livePlan(
      store.knex,
      clock,
      planDef({
        tracks: [{ id: 'post', name: '出院后', anchor: 'discharge', questionnaire: { id: 'post-discharge-recovery' }, points: [{ at: { days: 7 } }] }],
      }),
    );
    const patientId = await makePatient(store.knex, { name: '王秘密', phones: ['13900000077'] });
    await makeEncounter(store.knex, { patientId, kind: 'inpatient', date: '2026-06-26' });
    await runFollowupCycle(store, clock, shippedLibrary());
    // A database error whose own message quotes the values it was given.
    await store.knex.raw("create trigger refuse_answers before insert on responses begin select raise(abort, 'refused: ' || new.answers); end");
  });
  afterAll(async () => {
    await store?.close();
    await t?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('logs the method, the error class and code and an error id the caller gets, never the SQL or its values', async () => {
    const logged: string[] = [];
    const services = { store, clock, config: loadConfig(dataDir, {}), sync: null } as unknown as Services;
    const d = dispatcherFor(services, (m) => logged.push(m));
    const ctx = { user: amy, token: null, transport: 'http' as const };
    const claimed = await d.dispatch(ctx, 'tasks.claimNext', {});
    const taskId = (claimed as { ok: true; result: { task: { id: number } } }).result.task.id;

    const out = await d.dispatch(ctx, 'followup.saveDraft', { taskId, answers: { new_symptoms: ['other'], new_symptoms_other: SECRET }, seq: 1 });
    expect(out).toMatchObject({ ok: false, error: { code: 'internal', errorId: expect.stringMatching(/^[0-9a-f]{8}$/) } });
    const { errorId, message } = (out as { ok: false; error: { errorId: string; message: string } }).error;
    expect(message).toContain(errorId);

    const log = logged.join('\n');
    expect(log).toContain(`followup.saveDraft failed, error ${errorId}: SqliteError SQLITE_CONSTRAINT_TRIGGER`);
    expect(log).toMatch(/\n\s+at \S/); // where it was thrown, for the developer
    for (const leak of ['SENTINEL-7731', '左腿麻木', 'new_symptoms', 'refused:', 'insert into', 'responses (', '王秘密'])
      expect(log, `the log holds ${leak}`).not.toContain(leak);
  });
});
