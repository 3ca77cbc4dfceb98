import { signedIn } from './api-session';
import { expect, test } from './fixtures';
import { FollowupScreen, QueueScreen } from './followup-pages';
import { PHQ9_PLAN, preparePlans } from './followup-setup';
import { LoginScreen } from './pages';

// Issue 13, the nurse's side: no console error on the queue page without a SIP account, the
// queue's patient search and her completed list, and earlier follow-ups' trends on the next one.

/** Three NRS pain calls per recent discharge, every window open now, so two can be closed first. */
const NRS_PLAN = {
  ...PHQ9_PLAN,
  code: 'e2e-nrs',
  name: 'E2E 疼痛随访',
  tracks: [
    {
      ...PHQ9_PLAN.tracks[0],
      id: 'pain',
      name: '疼痛随访',
      points: [30, 31, 32].map((days) => ({ at: { days }, label: `第${days}天`, questionnaire: { id: 'nrs-pain' }, window: { before: 45, after: 10 } })),
    },
  ],
};

test('the queue page loads without a console error, searches patients and lists her completed calls', async ({ page, backend }) => {
  const plans = await preparePlans(backend);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  // The nurse has no SIP account: the softphone asks anyway and must get a plain "none".
  const creds = page.waitForResponse((r) => r.url().endsWith('/api/softphone.credentials'));
  await new LoginScreen(page).signIn(backend.url, 'nurse');
  expect((await creds).status()).toBe(200);
  const queue = new QueueScreen(page);
  await queue.open();
  await queue.filterPlan(plans.phq9.name);

  const name = (await queue.rows.first().locator('.cell-name strong').textContent())!.trim();
  const search = page.getByTestId('queue-search').locator('input');
  await search.fill(name);
  await search.press('Enter');
  await queue.waitReady();
  await expect(queue.rows.first()).toContainText(name);
  for (const row of await queue.rows.all()) await expect(row).toContainText(name);
  await search.fill('王不存在');
  await search.press('Enter');
  await expect(queue.ready).toHaveAttribute('data-total', '0');

  await page.getByTestId('my-completed-open').click();
  await expect(page.getByTestId('my-completed-period')).toContainText('今天');
  await expect(page.getByTestId('my-completed-period')).toContainText('本周');
  expect(errors).toEqual([]);
});

test('the next follow-up shows earlier scores as a trend, and the timeline shows the calls', async ({ page, backend }) => {
  await preparePlans(backend);
  const head = await signedIn(backend, 'head');
  const nurse = await signedIn(backend, 'nurse');
  try {
    const existing = (await head.call('plans.list', { includeRetired: true })) as { id: number; code: string; activeVersion: number | null }[];
    let planId = existing.find((p) => p.code === NRS_PLAN.code && p.activeVersion)?.id;
    if (!planId) {
      const saved = await head.call('plans.save', { definition: NRS_PLAN });
      await head.call('plans.activate', { planId: saved.planId, version: saved.version });
      await head.call('tasks.generate');
      planId = saved.planId as number;
    }
    // A patient with all three calls open: the nurse closes the first two (worst pain 6, then 4).
    const { rows } = await nurse.call('tasks.queue', { planId, due: 'any', pageSize: 200 });
    type Row = { id: number; patientId: number; pointIndex: number };
    const byPatient = new Map<number, Row[]>();
    for (const r of rows as Row[]) byPatient.set(r.patientId, [...(byPatient.get(r.patientId) ?? []), r]);
    const three = [...byPatient.values()].find((ts) => ts.length === 3)!.sort((a, b) => a.pointIndex - b.pointIndex);
    for (const [task, worst, now] of [
      [three[0], 6, 3],
      [three[1], 4, 2],
    ] as const) {
      await nurse.call('tasks.claim', { taskId: task.id });
      await nurse.call('followup.complete', { taskId: task.id, disposition: 'completed', answers: { pain_worst: worst, pain_now: now } });
    }
    await nurse.call('tasks.claim', { taskId: three[2].id });

    await new LoginScreen(page).signIn(backend.url, 'nurse');
    await page.goto(`${backend.url}/#/followup/${three[2].id}`);
    const fu = new FollowupScreen(page);
    await fu.waitOpen();
    await page.locator('.fu-side .ant-tabs-tab').filter({ hasText: '既往随访' }).click();
    const trend = page.locator('[data-testid="history-trend"][data-measure="pain_score"]');
    await expect(trend.getByTestId('sparkline')).toHaveAttribute('data-values', '6,4'); // oldest first
    await expect(page.locator('[data-testid="history-trend"][data-measure="pain_now"]').getByTestId('sparkline')).toHaveAttribute('data-values', '3,2');
    // Worst pain is the NRS score itself: trended once, not twice.
    await expect(page.locator('[data-testid="history-trend"][data-measure="pain_worst"]')).toHaveCount(0);
    await page.getByTestId('past-answers').first().locator('summary').click();
    await expect(page.getByTestId('past-answers').first()).toContainText('4');
    await page.screenshot({ path: test.info().outputPath('history.png') });

    // The timeline tab: both calls are on it, and the header keeps each label on one line.
    await page.locator('.fu-side .ant-tabs-tab').filter({ hasText: '时间线' }).click();
    await expect(page.getByTestId('fu-timeline').getByTestId('timeline-followup').filter({ hasText: 'E2E 疼痛随访' })).toHaveCount(2);
    const label = page.getByTestId('fu-timeline').locator('.ant-descriptions-item-label').first();
    const box = (await label.boundingBox())!;
    expect(box.height).toBeLessThan(30);
    await page.screenshot({ path: test.info().outputPath('timeline.png') });
    await fu.api('tasks.release', { taskId: three[2].id });
  } finally {
    await head.dispose();
    await nurse.dispose();
  }
});
