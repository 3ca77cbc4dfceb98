import { expect, test } from './fixtures';
import { FollowupScreen, Keys, QueueScreen } from './followup-pages';
import { giveHeadDepartment, preparePlans } from './followup-setup';
import { LoginScreen } from './pages';

// The nurse's day: take the next task by key, answer by keyboard, close, land on the next one;
// drafts survive a reload; a safety trigger blocks closing until escalated; two nurses never
// get the same task.

/** Answers whatever item has the focus until the focus leaves the questionnaire. */
async function answerAll(fu: FollowupScreen, keys: Keys, pick: (itemId: string, type: string) => string[]): Promise<string[]> {
  const asked: string[] = [];
  for (let guard = 0; guard < 60; guard++) {
    const { itemId, type } = await fu.focused();
    if (!itemId) return asked;
    asked.push(itemId);
    for (const k of pick(itemId, type ?? '')) await (k.length === 1 || k === 'Enter' ? keys.press(k) : keys.type(k));
    await expect.poll(async () => (await fu.focused()).itemId, { message: `focus should leave ${itemId}` }).not.toBe(itemId);
  }
  throw new Error('the questionnaire never let go of the focus');
}

test('a nurse completes a follow-up by keyboard only, from the queue to the next task', async ({ page, backend }) => {
  const plans = await preparePlans(backend);
  await new LoginScreen(page).signIn(backend.url, 'nurse');
  const queue = new QueueScreen(page);
  await queue.open();
  await queue.filterPlan(plans.general.name);
  await expect(queue.rows.first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('queue.png') });

  // From here on only the keyboard: N takes the next task and opens it.
  const keys = new Keys(page);
  await keys.press('n');
  const fu = new FollowupScreen(page);
  const first = await fu.waitOpen();
  await expect(page.getByTestId('questionnaire')).toHaveAttribute('data-questionnaire-id', 'post-discharge-recovery');

  // The first option of every choice item ("none" is exclusive and moves on by itself); the
  // optional free-text item is left empty with Enter.
  const asked = await answerAll(fu, keys, (_id, type) => (type === 'text' ? ['Enter'] : ['1']));
  await expect(page.getByTestId('q-missing')).toHaveAttribute('data-count', '0');
  expect((await fu.focused()).testid).toBe('disposition');
  await keys.press('1'); // 完成
  await expect(fu.submitNext).toBeFocused();
  await expect(fu.submitNext).toBeEnabled();
  await keys.press('Enter'); // 完成并下一位
  // No dial was logged (no softphone here): it asks first, and Enter confirms.
  await expect(page.locator('.fu-no-dial')).toContainText('尚未记录任何拨打，确定完成？');
  // She presses Enter once the dialog has put the focus on its OK button (it does so as it opens).
  await expect(page.locator('.fu-no-dial .ant-btn-primary')).toBeFocused();
  await keys.press('Enter');

  const next = await fu.waitOpen(first);
  expect(next).not.toBe(first);
  await expect(page.getByTestId('fu-patient-name')).toBeVisible();
  const closed = await fu.api<{ task: { status: string } }>('followup.open', { taskId: first });
  expect(closed.result?.task.status).toBe('done');

  const questions = asked.length;
  const line = `keyboard-only follow-up: ${keys.count} keystrokes for ${questions} questions (target ≤ ${questions + 4}): ${keys.log.join(' ')}`;
  console.log(line);
  test.info().annotations.push({ type: 'keystrokes', description: line });
  expect(keys.count).toBeLessThanOrEqual(questions + 4);
});

test('a reload mid-questionnaire restores every answer', async ({ page, backend }) => {
  const plans = await preparePlans(backend);
  await new LoginScreen(page).signIn(backend.url, 'nurse');
  const queue = new QueueScreen(page);
  await queue.open();
  await queue.filterPlan(plans.bp.name);
  const keys = new Keys(page);
  await keys.press('n');
  const fu = new FollowupScreen(page);
  const taskId = await fu.waitOpen();
  await expect(page.getByTestId('questionnaire')).toHaveAttribute('data-questionnaire-id', 'hypertension-control');

  // 家庭自测 reveals the pressures; 150/95 is typed and turns the warning orange at once.
  const typed: Record<string, string[]> = { bp_source: ['1'], sbp: ['150', 'Enter'], dbp: ['95', 'Enter'], heart_rate: ['78', 'Enter'], home_bp_week: ['2'] };
  for (const [id, press] of Object.entries(typed)) {
    await expect.poll(async () => (await fu.focused()).itemId).toBe(id);
    for (const k of press) await (k === 'Enter' || k.length === 1 ? keys.press(k) : keys.type(k));
  }
  await expect(fu.warning).toHaveAttribute('data-colour', 'orange');
  await expect(page.locator('[data-testid="trigger"][data-trigger-id="bp_uncontrolled"]')).toBeVisible();
  const before: Record<string, string> = {};
  for (const id of Object.keys(typed)) before[id] = await fu.answerOf(id);
  expect(before).toEqual({ bp_source: 'home', sbp: '150', dbp: '95', heart_rate: '78', home_bp_week: 'no' });
  await fu.waitSaved();

  await page.reload();
  expect(await fu.waitOpen()).toBe(taskId);
  for (const [id, value] of Object.entries(before)) expect(await fu.answerOf(id), id).toBe(value);
  await expect(fu.warning).toHaveAttribute('data-colour', 'orange');
  // She carries on where she stopped: the first unanswered question has the focus.
  await expect.poll(async () => (await fu.focused()).itemId).toBe('med_adherence');
});

test('PHQ-9 item 9 above 0 blocks closing until the escalation note is written', async ({ page, backend }) => {
  const plans = await preparePlans(backend);
  await new LoginScreen(page).signIn(backend.url, 'nurse');
  const queue = new QueueScreen(page);
  await queue.open();
  await queue.filterPlan(plans.phq9.name);
  const keys = new Keys(page);
  await keys.press('n');
  const fu = new FollowupScreen(page);
  const taskId = await fu.waitOpen();
  await expect(page.getByTestId('questionnaire')).toHaveAttribute('data-questionnaire-id', 'phq9');

  // Items 1–8: 好几天 (score 1); item 9: 好几天 (value "1" > 0); then the difficulty item it reveals.
  await answerAll(fu, keys, () => ['2']);
  const total = page.locator('[data-testid="score"][data-score-id="phq9_total"]');
  await expect(total).toHaveAttribute('data-value', '9');
  await expect(total.getByTestId('score-band')).toHaveText('轻度抑郁');
  await expect(page.locator('[data-testid="trigger"][data-trigger-id="phq9_item9_positive"]')).toBeVisible();
  await expect(fu.warning).toHaveAttribute('data-colour', 'red');
  await fu.waitSaved();

  await keys.press('1'); // 完成: the keyboard goes to the note it now demands
  await expect(fu.escalationNote).toBeFocused();
  await expect(fu.submitNext).toBeDisabled();
  await expect(page.locator('[data-blocker="escalation"]')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('followup.png') });

  // main refuses too, whatever the screen does
  const answers = { ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`phq9_${i + 1}`, '1'])), phq9_difficulty: '1' };
  const refused = await fu.api('followup.complete', { taskId, disposition: 'completed', answers });
  expect(refused.error?.code).toBe('invalid_input');
  expect(refused.error?.message).toContain('上报说明');
  const stillOpen = await fu.api<{ task: { status: string } }>('followup.open', { taskId });
  expect(stillOpen.result?.task.status).toBe('claimed');

  await page.keyboard.type('已评估自杀风险，已电话通知主管医生李医生，患者同意明日门诊。');
  await expect(fu.submitNext).toBeEnabled();
  await page.keyboard.press('Control+Enter');
  // No dial logged: Esc goes back to the call, Ctrl+Enter then Enter closes.
  const noDial = page.locator('.fu-no-dial');
  await expect(noDial).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(noDial).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`#/followup/${taskId}$`));
  await page.keyboard.press('Control+Enter');
  await expect(noDial.locator('.ant-btn-primary')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).not.toHaveURL(new RegExp(`#/followup/${taskId}$`));
  const done = await fu.api<{ task: { status: string }; escalations: { note: string; escalationTaskId: number | null }[] }>('followup.open', { taskId });
  expect(done.result?.task.status).toBe('done');
  expect(done.result?.escalations[0]?.note).toContain('自杀风险');
  expect(done.result?.escalations[0]?.escalationTaskId).not.toBeNull();
});

test('two nurses pressing "next" at the same moment get different tasks', async ({ browser, backend }) => {
  const plans = await preparePlans(backend);
  const options = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1600, height: 900 } };
  const [a, b] = await Promise.all([browser.newContext(options), browser.newContext(options)]);
  try {
    const pa = await a.newPage();
    const pb = await b.newPage();
    await new LoginScreen(pa).signIn(backend.url, 'nurse');
    await new LoginScreen(pb).signIn(backend.url, 'nurse2');
    for (const p of [pa, pb]) {
      const q = new QueueScreen(p);
      await q.open();
      await q.filterPlan(plans.phq9.name);
    }
    await Promise.all([pa.keyboard.press('n'), pb.keyboard.press('n')]);
    const [ta, tb] = await Promise.all([new FollowupScreen(pa).waitOpen(), new FollowupScreen(pb).waitOpen()]);
    expect(ta).not.toBe(tb);

    // A row someone else took meanwhile: clicking it says so and the list refreshes.
    const qb = new QueueScreen(pb);
    await qb.open();
    await qb.tab('team');
    const target = (await qb.taskIds())[0];
    const taken = await new FollowupScreen(pa).api('tasks.claim', { taskId: target });
    expect(taken.error).toBeUndefined();
    await pb.locator(`[data-testid="queue-row"][data-task-id="${target}"]`).click();
    await expect(pb.locator('.ant-message')).toContainText('已被其他护士领取');
    await expect(pb.locator(`[data-testid="queue-row"][data-task-id="${target}"]`)).toHaveCount(0);
    await expect(pb).toHaveURL(/#\/queue$/);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

test('a head sees every open task of her departments, red ones first, with who holds them', async ({ page, browser, backend }) => {
  const plans = await preparePlans(backend);
  // A nurse's answer fires a red trigger: the task turns red as soon as the draft is saved.
  const nurse = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    const np = await nurse.newPage();
    await new LoginScreen(np).signIn(backend.url, 'nurse2');
    const fu = new FollowupScreen(np);
    const next = await fu.api<{ task: { id: number; deptId: number | null } | null }>('tasks.claimNext', { planId: plans.phq9.id });
    const taskId = next.result!.task!.id;
    await giveHeadDepartment(backend, next.result!.task!.deptId!);
    const saved = await fu.api<{ taskColour: string }>('followup.saveDraft', { taskId, answers: { phq9_9: '3' }, seq: Date.now() });
    expect(saved.result?.taskColour).toBe('red');
    // Her own queue: the escalation the PHQ-9 test raised (red) leads the team's list.
    const nq = new QueueScreen(np);
    await nq.open();
    await expect(nq.rows.first()).toBeVisible();
    await np.screenshot({ path: test.info().outputPath('queue-nurse.png') });

    await new LoginScreen(page).signIn(backend.url, 'head');
    const queue = new QueueScreen(page);
    await queue.open();
    await queue.tab('all');
    await expect(queue.rows.first().getByTestId('colour-tag')).toHaveAttribute('data-colour', 'red');
    const row = page.locator(`[data-testid="queue-row"][data-task-id="${taskId}"]`);
    await expect(row).toContainText('护士丁');
    await expect(row.getByTestId('colour-tag')).toHaveAttribute('data-colour', 'red');
    await page.screenshot({ path: test.info().outputPath('queue-head.png') });
  } finally {
    await nurse.close();
  }
});
