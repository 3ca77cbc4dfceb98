import { request, type Browser, type Page } from '@playwright/test';
import { expect, test, USERS, type Backend } from './fixtures';
import { LoginScreen } from './pages';
import { UsersScreen } from './users-pages';

// The admin's 用户管理: she adds a nurse with a department, the nurse signs in; a new password
// signs her out; once disabled she is signed out and cannot sign in again.

const NURSE = { username: 'e2e-zhou', name: '周护士', roleLabel: '随访护士', password: 'Zhou-2026-pass' };
const NEW_PASSWORD = 'Zhou-2026-new!';

/** Two active departments' names, asked as the admin would (the first sync loaded them). */
async function twoDepartments(backend: Backend): Promise<string[]> {
  const api = await request.newContext({ baseURL: `${backend.url}/`, extraHTTPHeaders: { 'X-Followup': '1' } });
  try {
    await api.post('api/auth.login', { data: { username: USERS.admin.username, password: USERS.admin.password } });
    const body = (await (await api.post('api/departments.list', { data: {} })).json()) as { result: { name: string; active: boolean }[] };
    const names = body.result.filter((d) => d.active).map((d) => d.name);
    // Neither name inside the other, so the list's text tells them apart.
    const other = names.find((n) => !n.includes(names[0]) && !names[0].includes(n));
    expect(other, 'two active departments').toBeTruthy();
    return [names[0], other!];
  } finally {
    await api.dispose();
  }
}

async function nursePage(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1600, height: 900 } });
  return ctx.newPage();
}

async function signIn(page: Page, url: string, password: string): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByTestId('login-username').fill(NURSE.username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Her screen after a reload: the app or, when her session has ended, the sign-in form. */
async function signedOut(page: Page): Promise<void> {
  await page.reload();
  await expect(page.getByTestId('login-card')).toBeVisible();
}

test('the admin adds a nurse who signs in, resets her password, disables her, and she cannot sign in', async ({ page, browser, backend }) => {
  const [dept, other] = await twoDepartments(backend);
  await new LoginScreen(page).signIn(backend.url, 'admin');
  const users = new UsersScreen(page);
  await users.open();
  await users.add({ ...NURSE, depts: [dept] });
  // Sorted by pinyin: 管 (guan) before 护 (hu) before 周 (zhou); by code point 周 < 护 < 管.
  const names = await page.getByTestId('user-row').locator('td:nth-child(2)').allTextContents();
  const [admin, zhou, ...nurses] = [USERS.admin, NURSE, USERS.nurse, USERS.nurse2, USERS.head].map((u) => names.indexOf(u.name));
  expect(Math.min(admin, zhou, ...nurses)).toBeGreaterThanOrEqual(0);
  expect(admin).toBeLessThan(Math.min(...nurses));
  expect(zhou).toBeGreaterThan(Math.max(...nurses));

  const nurse = await nursePage(browser);
  await signIn(nurse, backend.url, NURSE.password);
  await expect(nurse.getByTestId('current-user')).toContainText(NURSE.name);

  // A password the policy refuses is shown at its field, in Chinese only.
  const refused = await users.resetPassword(NURSE.username, '1234567890');
  expect(refused).toContain('不能全是数字');
  expect(refused).not.toMatch(/digits/);
  await page.keyboard.press('Escape');
  expect(await users.resetPassword(NURSE.username, NEW_PASSWORD)).toBeNull();
  await signedOut(nurse);
  await signIn(nurse, backend.url, NEW_PASSWORD);
  await expect(nurse.getByTestId('current-user')).toContainText(NURSE.name);

  // Her departments replaced from 编辑.
  await users.assign(NURSE.username, [other]);
  await expect(users.row(NURSE.username).getByTestId('user-depts')).not.toContainText(dept);

  await users.setActive(NURSE.username, false);
  await expect(users.row(NURSE.username)).toContainText('停用');
  await signedOut(nurse);
  await signIn(nurse, backend.url, NEW_PASSWORD);
  await expect(nurse.getByTestId('login-error')).toContainText('用户名或密码错误');
  await expect(nurse.getByTestId('current-user')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('users.png'), fullPage: true });
  await nurse.context().close();
});
