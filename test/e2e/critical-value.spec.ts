import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { PINNED_DEMO_END_DATE, PINNED_NOW } from '../helpers/pinned-clock';
import { assertBuilt, cli, expect, test, USERS, type UserKey } from './fixtures';
import { plantCriticalCheckup, serveAt, type Workstation } from './critical-his';
import { FollowupScreen, QueueScreen } from './followup-pages';
import { LoginScreen } from './pages';

// Issue 13's critical-value fast lane, end to end on a small demo HIS with a client of our own:
// the lab reported her potassium of 6.8 yesterday at 16:00, so she must be told by 16:00 today.
// At 10:00 the queue counts down (and turns urgent as the screen's clock moves on); the
// workstation is started again at 17:30, finds the deadline missed and escalates it to the
// checkup centre's head; the nurse then records telling the daughter, late, and the follow-up
// page and the timeline show who told whom, when and how.

const CLIENT = { tjh: 'TJ90000001', name: '司马危急', phone: '13912345678', checkupDate: PINNED_DEMO_END_DATE, reportedAt: `${PINNED_DEMO_END_DATE} 16:00:00` };
const AFTER_DEADLINE = `${PINNED_NOW.slice(0, 10)} 17:30:00`;
const REPO = path.resolve(__dirname, '../..');

async function addUser(dataDir: string, who: UserKey, extra: string[] = []): Promise<void> {
  const u = USERS[who];
  await cli('user', 'add', '--data', dataDir, '--username', u.username, '--role', u.role, '--password', u.password, '--name', u.name, ...extra);
}

/** The client's row in the queue's tab, found by her name. */
async function clientRows(page: Page, tab: 'team' | 'mine' | 'all' = 'team') {
  const queue = new QueueScreen(page);
  await queue.open();
  if (tab !== 'team') await queue.tab(tab);
  await page.getByTestId('queue-search').locator('input').fill(CLIENT.name);
  await page.getByTestId('queue-search').locator('input').press('Enter');
  await queue.waitReady();
  return queue.rows.filter({ hasText: CLIENT.name });
}

test('a critical value counts down in the queue, is escalated when missed, and the record shows who told whom and when', async ({ browser }) => {
  test.setTimeout(480_000);
  assertBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'followup-critical-'));
  let server: Workstation | null = null;
  try {
    const hisFile = path.join(dataDir, 'demo-his.sqlite');
    await cli('demo-his', '--out', hisFile, '--patients', '60', '--seed', '5', '--end-date', PINNED_DEMO_END_DATE);
    plantCriticalCheckup(hisFile, CLIENT);
    await addUser(dataDir, 'nurse');
    await addUser(dataDir, 'admin');

    // 10:00: the checkup centre's plan goes live; six hours are left to tell her.
    server = await serveAt(dataDir, PINNED_NOW);
    const admin = await browser.newPage();
    await new LoginScreen(admin).signIn(server.url, 'admin');
    const api = new FollowupScreen(admin).api.bind(new FollowupScreen(admin));
    const definition = JSON.parse(fs.readFileSync(path.join(REPO, 'templates/plans/checkup-high-risk.json'), 'utf8'));
    const saved = await api<{ planId: number; version: number }>('plans.save', { definition });
    expect(saved.error).toBeUndefined();
    expect((await api('plans.activate', { planId: saved.result!.planId, version: saved.result!.version })).error).toBeUndefined();
    expect((await api('tasks.generate', {})).error).toBeUndefined();

    const nurse = await browser.newPage();
    await nurse.clock.install();
    await new LoginScreen(nurse).signIn(server.url, 'nurse');
    // Untold critical values lead the queue, the soonest deadline first.
    await new QueueScreen(nurse).open();
    const deadlines = await nurse
      .getByTestId('queue-row')
      .evaluateAll((rs) => rs.map((r) => r.querySelector('[data-testid="critical-countdown"]')?.getAttribute('data-notify-by') ?? null));
    const leading = deadlines.slice(0, deadlines.indexOf(null));
    expect(leading).toContain(`${PINNED_NOW.slice(0, 10)} 16:00:00`);
    expect(leading).toEqual([...leading].sort());
    expect(deadlines.slice(leading.length).every((d) => d === null)).toBe(true);

    const row = await clientRows(nurse);
    const countdown = row.getByTestId('critical-countdown');
    await expect(countdown).toHaveAttribute('data-state', 'counting');
    await expect(countdown).toContainText(/剩余 5 小时 \d+ 分/);
    await expect(countdown).toContainText('12-01 16:00 前告知');
    // The countdown moves with the clock: four hours on, under two hours are left and it turns urgent.
    await nurse.clock.fastForward('04:00:00');
    await expect(countdown).toHaveAttribute('data-state', 'urgent');
    await expect(countdown).toContainText(/剩余 1 小时 \d+ 分/);
    await nurse.screenshot({ path: test.info().outputPath('critical-countdown.png') });
    await server.stop();
    server = null;

    // The checkup centre's head answers for its department.
    const db = new Database(path.join(dataDir, 'followup.sqlite'), { readonly: true });
    const dept = (db.prepare("SELECT id FROM departments WHERE name = '健康管理中心'").get() as { id: number }).id;
    db.close();
    await addUser(dataDir, 'head', ['--dept', String(dept)]);

    // 17:30: the workstation starts again, finds the deadline missed and escalates it.
    server = await serveAt(dataDir, AFTER_DEADLINE);
    const late = await browser.newPage();
    await new LoginScreen(late).signIn(server.url, 'nurse');
    // Her task, and (the nurses work the whole centre's queue) the escalation it raised.
    const lateRow = (await clientRows(late)).filter({ has: late.getByTestId('critical-countdown') });
    await expect(lateRow.getByTestId('critical-countdown')).toHaveAttribute('data-state', 'escalated');
    await expect(lateRow.getByTestId('critical-countdown')).toContainText(/已超时 1 小时 \d+ 分 · 已上报/);

    const head = await browser.newPage();
    await new LoginScreen(head).signIn(server.url, 'head');
    const headRows = await clientRows(head, 'all');
    // Her task, escalated, and the escalation task the missed deadline raised for the department.
    await expect(headRows).toHaveCount(2);
    await expect(headRows.getByTestId('critical-countdown')).toHaveAttribute('data-state', 'escalated');
    await expect(headRows.filter({ hasNot: head.getByTestId('critical-countdown') })).toContainText('上报');

    // The nurse takes the task: closing it is blocked until the telling is recorded.
    await lateRow.getByTestId('row-claim').click();
    const fu = new FollowupScreen(late);
    const taskId = await fu.waitOpen();
    const card = late.getByTestId('critical-card');
    await expect(card).toContainText('血钾 6.8 mmol/L');
    await expect(card.getByTestId('critical-escalated')).toContainText('已上报科室');
    await late.locator('[data-testid="disposition"] [data-value="completed"]').click();
    await expect(late.locator('[data-blocker="criticalNotice"]')).toBeVisible();

    await card.getByText('家属', { exact: true }).click();
    await card.getByTestId('critical-name').fill('司马小梅');
    await card.getByTestId('critical-relation').fill('女儿');
    await card.getByTestId('critical-submit').click();
    const record = card.getByTestId('critical-record');
    await expect(record).toContainText(/护士甲 于 2026-12-01 17:\d\d 通过电话告知家属 司马小梅（女儿）/);
    await expect(record).toHaveAttribute('data-late', 'true');
    await expect(record).toContainText('超时告知');
    await expect(late.locator('[data-blocker="criticalNotice"]')).toHaveCount(0);
    await late.screenshot({ path: test.info().outputPath('critical-record.png'), fullPage: true });

    // The patient's timeline keeps it with the checkup.
    await late.getByRole('tab', { name: '时间线' }).click();
    await expect(late.getByTestId('timeline-critical')).toContainText(/护士甲 于 2026-12-01 17:\d\d 通过电话告知家属 司马小梅（女儿）/);
    await expect(late.getByTestId('timeline-critical')).toContainText('超时告知');
    // And her row in the nurse's own queue says she was told, late.
    const told = (await clientRows(late, 'mine')).getByTestId('critical-countdown');
    await expect(told).toHaveAttribute('data-state', 'told');
    await expect(told).toContainText(/已告知 12-01 17:\d\d/);
    await expect(told).toContainText('超时告知');

    // The same on an English screen.
    await late.getByTestId('language-switch').getByText('English').click();
    await expect(told).toContainText(/Told 12-01 17:\d\d/);
    await expect(told).toContainText('Told late');
    await late.evaluate((id) => (location.hash = `#/followup/${id}`), taskId);
    await expect(late.getByTestId('critical-record')).toContainText(/护士甲 told family member 司马小梅 \(女儿\) by phone at 2026-12-01 17:\d\d/);
    await expect(late.getByTestId('critical-escalated')).toContainText('escalated to the department');
  } finally {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
