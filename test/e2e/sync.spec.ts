import { expect, test } from './fixtures';
import { LoginScreen, SyncScreen } from './pages';

test('an admin runs a sync and watches it finish', async ({ page, backend }) => {
  await new LoginScreen(page).signIn(backend.url, 'admin');
  const sync = new SyncScreen(page);
  await sync.open();
  const runsBefore = await sync.runs.count();

  await sync.start.click();
  await expect(sync.progress).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
  await expect(sync.runs).toHaveCount(runsBefore + 1);
  await expect(sync.runs.first()).toContainText('成功');
  await page.screenshot({ path: test.info().outputPath('sync.png'), fullPage: true });
});

test('a head sees runs and rejected rows but cannot start a sync; a nurse has no sync page', async ({ page, backend }) => {
  await new LoginScreen(page).signIn(backend.url, 'head');
  const sync = new SyncScreen(page);
  await sync.open();
  await expect(sync.start).toHaveCount(0);
  // The demo HIS plants stays with bad dates, unknown patients and missing keys.
  await sync.filterRejected('住院');
  await expect(sync.rejectedRows.filter({ hasText: '出院日期无效' }).first()).toBeVisible();
  await expect(sync.rejectedRows.filter({ hasText: '患者不存在' }).first()).toBeVisible();

  await page.getByTestId('logout').click();
  await new LoginScreen(page).signIn(backend.url, 'nurse');
  await expect(page.getByTestId('nav-sync')).toHaveCount(0);
});
