import { addDays } from '../../src/shared/plans/schedule';
import { PINNED_NOW } from '../helpers/pinned-clock';
import { expect, test } from './fixtures';
import { FollowupScreen, PlansScreen, QueueScreen } from './followup-pages';
import { pickChemoCase } from './his-chemo';
import { PlanForm } from './oncology-pages';
import { LoginScreen } from './pages';
import { pickOption } from './antd-select';

// An oncology team member builds "every 21 days × 6 cycles from treatment start, then
// surveillance at 3/6/12 months" in the form alone (the JSON tab is never opened); the
// treatment start of a patient comes from a HIS radiotherapy/chemotherapy stay; the tasks say
// which cycle they are; a date the team enters moves the open ones.

const LOOKBACK = 400;
const TODAY = PINNED_NOW.slice(0, 10);
const CODE = 'e2e-lung-chemo';
const NAME = 'E2E 肺癌放化疗随访';

test('an oncology plan built in the form dates cycles from a HIS chemotherapy stay, and a changed date moves the open ones', async ({
  page,
  browser,
  backend,
}) => {
  const chemo = pickChemoCase(backend.hisFile, addDays(TODAY, -LOOKBACK), TODAY);
  await new LoginScreen(page).signIn(backend.url, 'head');
  const plans = new PlansScreen(page);
  await plans.open();
  await page.getByTestId('plan-create').click();
  await pickOption(page, page.getByTestId('plan-create-template'), 'lung-cancer.json');
  // No plan has the template's code yet: the new plan gets it, not "lung-cancer-2".
  await expect(page.getByTestId('plan-create-code')).toHaveValue('lung-cancer');
  await page.getByTestId('plan-create-code').fill(CODE);
  await page.getByTestId('plan-create-name').fill(NAME);
  await page
    .locator('.ant-modal:visible')
    .getByRole('button', { name: /开始编辑/ })
    .click();
  await expect(plans.editor).toBeVisible();

  const form = new PlanForm(page);
  await form.number('回溯天数', LOOKBACK);
  await form.number('提前生成任务（天）', 60);
  await form.tab(/随访轨道/);
  await page.getByTestId('plan-treatment-start-switch').click();
  await expect(page.getByTestId('plan-treatment-start')).toContainText('Z51.1');

  // Track 1: the template's toxicity cycle becomes every 21 days × 6.
  const tox = form.track(0);
  await expect(tox.getByTestId('plan-questionnaire').first()).toContainText('化疗不良反应评估'); // a title, not ctcae-chemo
  const cycle = tox.getByTestId('plan-cycle').first();
  await form.offset(cycle, 'cycle-every', 21, '天');
  await form.choose(cycle.getByTestId('cycle-end'), '按次数');
  await (await form.input(cycle, 'cycle-count')).fill('6');
  await cycle.getByTestId('cycle-label').fill('化疗毒性评估');
  await expect(tox).not.toContainText('JSON');

  // The template's other tracks go; a surveillance track at 3/6/12 months from treatment start comes.
  await form.removeTrack(2);
  await form.removeTrack(1);
  await form.expectTracks(1);
  await page.getByTestId('plan-add-track').click();
  const surv = form.track(1);
  await surv.getByTestId('track-id').fill('surveillance');
  await surv.getByTestId('track-name').fill('复发监测');
  await form.choose(surv.getByTestId('track-anchor'), '治疗开始日');
  await surv.getByTestId('plan-add-point').click();
  await surv.getByTestId('plan-add-point').click();
  const points = surv.getByTestId('plan-point');
  for (const [i, months] of [3, 6, 12].entries()) await form.offset(points.nth(i), 'point-at', months, '月');

  await page.getByTestId('plan-preview-btn').click();
  await expect(page.getByTestId('preview-encounters')).toBeVisible();
  await expect(page.getByTestId('plan-preview').locator('.ant-table-tbody')).not.toContainText('lung-inpatient'); // rule labels, not codes
  await page.getByTestId('plan-save').click();
  await expect(page).toHaveURL(/#\/plans\/\d+$/);
  const planId = Number(/#\/plans\/(\d+)$/.exec(page.url())![1]);
  await page.getByTestId('plan-activate').click();
  await page
    .locator('.ant-popconfirm:visible')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await expect(page.getByTestId('plan-versions')).toContainText('v1 启用中');

  // What the form saved is the plan asked for.
  const fu = new FollowupScreen(page);
  const saved = (await fu.api<{ definition: Record<string, any> }>('plans.export', { planId })).result!.definition;
  expect(saved.treatmentStart).toEqual({ encounterKind: 'inpatient', icd10: ['Z51.1', 'Z51.0'] });
  expect(saved.tracks.map((t: { id: string; anchor: string }) => [t.id, t.anchor])).toEqual([
    ['toxicity', 'treatment_start'],
    ['surveillance', 'treatment_start'],
  ]);
  expect(saved.tracks[0].cycles).toEqual([expect.objectContaining({ every: { days: 21 }, count: 6, label: '化疗毒性评估' })]);
  expect(saved.tracks[0].cycles[0].until).toBeUndefined();
  expect(saved.tracks[1].points.map((p: { at: unknown }) => p.at)).toEqual([{ months: 3 }, { months: 6 }, { months: 12 }]);

  // JSON applied in the editor is checked at once: an unknown key is refused, in Chinese.
  await form.tab(/JSON/);
  const json = page.getByTestId('plan-json');
  await json.fill((await json.inputValue()).replace('"count": 6', '"count": 6, "repeat": 2'));
  await page.getByTestId('plan-json-apply').click();
  await expect(page.getByTestId('plan-json-errors')).toContainText('轨道 1 › 循环 1：不认识的字段：repeat');
  await expect(page.getByTestId('plan-json-errors')).not.toContainText('Unrecognized');

  // Enrol and generate: the patient's treatment start is the first Z51 stay after the lung-cancer stay.
  expect((await fu.api('tasks.generate', {})).error).toBeUndefined();
  // The rest is the nurses' side of the team (the head here has no department of her own).
  const nurse = await browser.newPage();
  await new LoginScreen(nurse).signIn(backend.url, 'nurse');
  const nf = new FollowupScreen(nurse);
  type Row = { id: number; cycleNo: number | null; dueDate: string; trackId: string; patientName: string };
  const tasksOf = async () =>
    ((await nf.api<{ rows: Row[] }>('tasks.queue', { scope: 'team', planId, due: 'any', search: chemo.name, pageSize: 200 })).result?.rows ?? [])
      .filter((r) => r.patientName === chemo.name)
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const before = await tasksOf();
  const cycles = before.filter((r) => r.trackId === 'toxicity');
  expect(cycles.map((r) => [r.cycleNo, r.dueDate])).toEqual(
    [1, 2, 3, 4, 5, 6]
      .map((n) => [n, addDays(chemo.treatmentStart, 21 * n)] as const)
      .filter(([, due]) => addDays(due, -1 - 60) <= TODAY && addDays(due, 3) >= TODAY),
  );
  expect(cycles.length).toBeGreaterThan(0);

  // The queue labels the row by its cycle (only this patient of the plan has a treatment start).
  const first = cycles[0];
  const queue = new QueueScreen(nurse);
  await queue.open();
  await queue.tab('team');
  await queue.filterPlan(NAME);
  await expect(nurse.locator(`[data-testid="queue-row"][data-task-id="${first.id}"]`).getByTestId('cycle-tag')).toHaveText(`第 ${first.cycleNo} 周期`);

  // The follow-up page says which cycle, and where the treatment start came from.
  await nurse.evaluate((id) => (location.hash = `#/followup/${id}`), first.id);
  await expect(nf.root).toHaveAttribute('data-task-id', String(first.id));
  await expect(nurse.getByTestId('cycle-tag').first()).toHaveText(`第 ${first.cycleNo} 周期`);
  const bar = nurse.getByTestId('treatment-start');
  await expect(bar).toHaveAttribute('data-source', 'his');
  await expect(nurse.getByTestId('treatment-start-date')).toHaveText(chemo.treatmentStart);
  await expect(nurse.getByTestId('treatment-start-source')).toContainText(chemo.chemoCode);
  await nurse.screenshot({ path: test.info().outputPath('treatment-start.png'), fullPage: true });

  // The team enters a date a week later: every open cycle task moves by a week.
  const moved = addDays(chemo.treatmentStart, 7);
  await nurse.getByTestId('treatment-start-edit').click();
  await nurse.getByTestId('treatment-start-input').fill(moved);
  await nurse.getByTestId('treatment-start-save').click();
  await expect(bar).toHaveAttribute('data-source', 'manual');
  await expect(nurse.getByTestId('treatment-start-date')).toHaveText(moved);
  await expect(nurse.getByTestId('treatment-start-source')).toContainText('护士甲');
  const after = (await tasksOf()).filter((r) => r.trackId === 'toxicity');
  for (const c of cycles) expect(after.find((r) => r.id === c.id)?.dueDate).toBe(addDays(c.dueDate, 7));
});
