import { expect, test } from './fixtures';
import { FollowupScreen, Keys, QueueScreen } from './followup-pages';
import { preparePlans } from './followup-setup';
import { FinderScreen, LoginScreen } from './pages';

// Gaps a new user met (issue 13): the chosen outcome lost on reload, and the finder keeping
// another kind's rows and columns after switching 出院患者 → 门诊患者 until 查询 is pressed.

test('a reload mid-follow-up keeps the chosen outcome and its details', async ({ page, backend }) => {
  const plans = await preparePlans(backend);
  await new LoginScreen(page).signIn(backend.url, 'nurse');
  const queue = new QueueScreen(page);
  await queue.open();
  await queue.filterPlan(plans.general.name);
  await new Keys(page).press('n');
  const fu = new FollowupScreen(page);
  const taskId = await fu.waitOpen();

  const dispo = page.getByTestId('disposition');
  await dispo.locator('[data-value="refused"]').click();
  await page.getByTestId('refused-reason').fill('患者表示近期不便接听');
  await page.getByTestId('refused-reason').blur();

  await page.reload();
  expect(await fu.waitOpen()).toBe(taskId);
  await expect(dispo.locator('[data-value="refused"]')).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('refused-reason')).toHaveValue('患者表示近期不便接听');

  // Put back for the other specs on this backend.
  expect((await fu.api('tasks.release', { taskId })).error).toBeUndefined();
});

test('switching the finder to 门诊患者 re-runs the search with its own columns', async ({ page, backend }) => {
  await new LoginScreen(page).signIn(backend.url, 'nurse');
  const finder = new FinderScreen(page);
  await finder.waitForResults(-1);
  const head = page.locator('.ant-table-thead');
  await expect(head).toContainText('住院号');
  const seq = Number(await finder.total.getAttribute('data-seq'));

  // No 查询 pressed: the switch alone brings the outpatient list.
  await page.locator('.finder-filters .ant-segmented-item').filter({ hasText: '门诊患者' }).click();
  const total = await finder.waitForResults(seq);
  expect(total).toBeGreaterThan(0);
  await expect(head).toContainText('门诊号');
  await expect(head).toContainText('就诊日期');
  await expect(head).not.toContainText('入院日期');
  await expect(finder.rows.first()).toBeVisible();
});
