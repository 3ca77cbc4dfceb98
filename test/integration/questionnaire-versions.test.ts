import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFollowupCycle } from '../../src/main/plans/cycle';
import { shippedLibraryDefs } from '../../src/main/questionnaires/questionnaire-library';
import { publishQuestionnaires, questionnairesOf } from '../../src/main/questionnaires/store-library';
import type { Store } from '../../src/main/store/store';
import { claimTask } from '../../src/main/tasks/claim';
import { beijingTimestamp } from '../../src/shared/beijing-time';
import { ipcDispatch } from '../helpers/dispatch';
import { fixedClock } from '../helpers/his';
import { livePlan, makeEncounter, makePatient, makeUsers, moodQuestionnaire, planDef } from '../helpers/followup';
import { createTestStore, STORE_KINDS, tempDir, type TestStore } from '../helpers/stores';

// Two workstations on one store: what one publishes, the other scores with, by exact version.
describe.each(STORE_KINDS)('questionnaire versions in the store on %s', (kind) => {
  let t: TestStore;
  let a: Store;
  let b: Store;
  const clock = fixedClock('2026-07-01 09:00:00');
  const logs: string[] = [];
  const log = (m: string) => logs.push(m);

  beforeAll(async () => {
    t = await createTestStore(kind);
    [a, b] = [await t.open(), await t.open()];
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await t?.drop();
  });

  it("publishes the program's questionnaires once, and a new version from one workstation reaches the other", async () => {
    const shipped = shippedLibraryDefs();
    const libA = await questionnairesOf(a.knex, clock, log);
    await questionnairesOf(b.knex, clock, log); // the second workstation adds nothing
    expect(Number((await a.knex('questionnaire_versions').count({ n: '*' }))[0].n)).toBe(shipped.length);
    const phq9 = libA.get('phq9');
    expect(phq9).not.toBeNull();

    const v2 = { ...phq9!, version: phq9!.version + 1, title: `${phq9!.title}（修订版）` };
    expect(await publishQuestionnaires(b.knex, clock, [v2])).toEqual({ added: [`phq9 v${v2.version}`], conflicting: [] });
    expect((await questionnairesOf(a.knex, clock, log)).get('phq9')).toMatchObject({ version: v2.version, title: v2.title });
    expect((await questionnairesOf(a.knex, clock, log)).get('phq9', phq9!.version)).toMatchObject({ title: phq9!.title });

    // Other content under a published version is refused; the store's copy stands everywhere.
    expect(await publishQuestionnaires(a.knex, clock, [{ ...v2, title: '别的内容' }])).toEqual({ added: [], conflicting: [`phq9 v${v2.version}`] });
    expect((await questionnairesOf(b.knex, clock, log)).get('phq9', v2.version)?.title).toBe(v2.title);
  });

  it('scores a task on a workstation whose program does not ship its questionnaire, with the version the store holds', async () => {
    const mood = moodQuestionnaire().get('mood')!;
    const [amy] = await makeUsers(a.knex, 1, 'nurse', `amy-${kind}`);
    await livePlan(a.knex, clock, planDef({ enrolment: { rules: [{ id: 'all', encounterKind: 'inpatient' }], lookbackDays: 30 } }));
    const patientId = await makePatient(a.knex, { name: '周青', phones: ['13900000011'] });
    await makeEncounter(a.knex, { patientId, kind: 'inpatient', date: '2026-06-26' });
    await runFollowupCycle(a, clock, moodQuestionnaire());
    await publishQuestionnaires(a.knex, clock, [mood]);
    const { id } = await a.knex('tasks').where({ patient_id: patientId }).orderBy('point_index').first('id');
    const now = beijingTimestamp(clock.now());
    await claimTask(a, Number(id), amy, { today: now.slice(0, 10), now });

    const atB = ipcDispatch(b, clock, tempDir('workstation-b'));
    const opened = await atB(amy, 'followup.open', { taskId: Number(id) });
    expect(opened.questionnaire).toMatchObject({ id: 'mood', version: 1 });
    const saved = await atB(amy, 'followup.saveDraft', { taskId: Number(id), answers: { q1: '1', q9: '2' }, seq: 1 });
    expect(saved).toMatchObject({ applied: true, taskColour: 'red', response: { warningColour: 'red' } });
  });
});
