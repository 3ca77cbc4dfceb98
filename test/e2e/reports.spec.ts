import { request } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, USERS, type Backend } from './fixtures';
import { preparePlans } from './followup-setup';
import { LoginScreen } from './pages';
import { BuilderScreen, DashboardScreen, ExportsScreen, UsersScreen } from './reports-pages';

// The head's side: the admin gives her two departments, she lands on 统计看板, sees only those,
// opens the list behind a figure, builds and saves a report, exports it to Excel and gets the
// file; a cancelled export leaves no file behind.

const MONTH = '2026-12'; // the pinned clock's month (test/helpers/pinned-clock.ts)

/** The two departments with the most follow-ups due this month, asked as the admin would. */
async function busiestDepartments(backend: Backend): Promise<string[]> {
  const api = await request.newContext({ baseURL: `${backend.url}/`, extraHTTPHeaders: { 'X-Followup': '1' } });
  try {
    const post = async <T>(method: string, input: unknown): Promise<T> => {
      const res = await api.post(`api/${method}`, { data: input });
      const body = (await res.json()) as { result?: T; error?: { message: string } };
      if (body.result === undefined) throw new Error(`${method}: ${body.error?.message}`);
      return body.result;
    };
    await post('auth.login', { username: USERS.admin.username, password: USERS.admin.password });
    const drill = await post<{ rows: { deptName: string | null }[] }>('reports.drilldown', {
      metric: 'due',
      from: `${MONTH}-01`,
      to: `${MONTH}-31`,
      part: 'numerator',
      page: 1,
      pageSize: 200,
    });
    const counts = new Map<string, number>();
    for (const r of drill.rows) if (r.deptName) counts.set(r.deptName, (counts.get(r.deptName) ?? 0) + 1);
    const names = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([n]) => n);
    expect(names.length, 'follow-ups due in at least two departments').toBeGreaterThanOrEqual(2);
    return names.slice(0, 2);
  } finally {
    await api.dispose();
  }
}

const exportFiles = (backend: Backend): string[] => {
  const dir = path.join(backend.dataDir, 'exports');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

test.describe.serial('department head', () => {
  let depts: string[] = [];

  test('the admin assigns the head two departments', async ({ page, backend }) => {
    await preparePlans(backend);
    depts = await busiestDepartments(backend);
    await new LoginScreen(page).signIn(backend.url, 'admin');
    const users = new UsersScreen(page);
    await users.open();
    await users.assign(USERS.head.username, depts);
  });

  test('a head lands on her dashboard, sees only her departments and drills into a figure', async ({ page, backend }) => {
    await new LoginScreen(page).signIn(backend.url, 'head');
    const dash = new DashboardScreen(page);
    await dash.waitReady();
    await expect(page).toHaveURL(/#\/dashboard$/);
    expect((await dash.departmentOptions()).sort()).toEqual([...depts].sort());

    await expect(dash.card('followUpRate').getByTestId('metric-value')).toHaveText(/^\d{1,3}\.\d%$|^—$/);
    const due = dash.card('due').getByTestId('metric-value');
    await expect(due).toHaveText(/^[1-9][\d,]*$/);

    const drill = await dash.drill('followUpRate');
    await drill.tab('gap');
    await expect(drill.rows.first()).toBeVisible();
    for (const name of await drill.departments()) expect(depts).toContain(name);
    await drill.close();

    await page.screenshot({ path: path.resolve(__dirname, '../../docs/screenshots/dashboard.png') });
  });

  test('she builds, saves and reruns a report, exports it to Excel and the file arrives', async ({ page, backend }) => {
    await new LoginScreen(page).signIn(backend.url, 'head');
    const builder = new BuilderScreen(page);
    await builder.open();
    await builder.chooseRows('科室');
    await builder.chooseMeasures(['应访', '随访率']);
    const rows = await builder.run();
    // One row per department of hers with follow-ups due, then the total.
    expect((await builder.firstColumn()).sort()).toEqual([...depts].sort());
    await expect(builder.totalRow().locator('td').first()).toHaveText('合计');

    await builder.save('E2E 科室月报', depts[0]);
    expect(await builder.rerun('E2E 科室月报', 'last')).toBeGreaterThanOrEqual(0);
    expect(await builder.rerun('E2E 科室月报', 'this')).toBe(rows);

    await builder.exportTo('xlsx');
    const exportsPage = new ExportsScreen(page);
    await exportsPage.open();
    const row = exportsPage.newest('report');
    await exportsPage.waitStatus(row, 'done');
    const download = await exportsPage.download(row);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await download.path();
    const head = fs.readFileSync(file).subarray(0, 2).toString('latin1');
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    expect(head).toBe('PK');
  });

  test('a cancelled export leaves nothing behind', async ({ page, backend }) => {
    await new LoginScreen(page).signIn(backend.url, 'head');
    const before = exportFiles(backend);
    await page.getByTestId('nav-finder').click();
    // The whole finder list as CSV, cancelled from the history while it runs.
    await page.getByTestId('finder-search').click();
    await page.getByTestId('export-finder-csv').click();
    await expect(page.getByTestId('export-started')).toBeVisible();
    const exportsPage = new ExportsScreen(page);
    await exportsPage.open();
    const row = exportsPage.newest('finder');
    await row.getByTestId('export-cancel').click();
    await exportsPage.waitStatus(row, 'cancelled');
    await expect(row).toContainText('已取消');
    await expect(row.getByTestId('export-download')).toHaveCount(0);
    expect(exportFiles(backend)).toEqual(before);
  });
});
