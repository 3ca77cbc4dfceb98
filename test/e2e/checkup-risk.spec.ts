import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { addDays } from '../../src/shared/plans/schedule';
import { PINNED_NOW } from '../helpers/pinned-clock';
import { signedIn } from './api-session';
import { expect, test, type Backend } from './fixtures';
import { FollowupScreen, Keys } from './followup-pages';
import { LoginScreen } from './pages';

// Issue 13, the checkup centre: a client of 50–74 with an abnormal finding answers the cancer risk
// questionnaire (total 5: intermediate by the answers alone); answers and finding together place
// her in the high tier, whose plan — not the intermediate one — enrols her.

const TODAY = PINNED_NOW.slice(0, 10);
const REPO = path.resolve(__dirname, '../..');
const template = (code: string) => JSON.parse(fs.readFileSync(path.join(REPO, 'templates/plans', `${code}.json`), 'utf8'));

interface Client {
  patientId: number;
  name: string;
  checkupDate: string;
}

/** A synced checkup in the questionnaire's window: abnormal, not critical, client aged 50–74, her name unique. */
function pickClient(backend: Backend): Client {
  const db = new Database(path.join(backend.dataDir, 'followup.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const hit = db
      .prepare(
        `SELECT p.id AS patientId, p.name, e.event_date AS checkupDate
           FROM encounters e JOIN patients p ON p.id = e.patient_id
          WHERE e.kind = 'checkup' AND e.abnormal_count > 0 AND e.critical_count = 0 AND e.status NOT IN ('cancelled', 'booked')
            AND e.event_date BETWEEN @from AND @to AND p.deceased = 0
            AND CAST((julianday(e.event_date) - julianday(p.birth_date)) / 365.25 AS INTEGER) BETWEEN 50 AND 74
            AND (SELECT COUNT(*) FROM patients q WHERE q.name = p.name) = 1
            AND (SELECT COUNT(*) FROM encounters o WHERE o.patient_id = p.id AND o.kind = 'checkup' AND o.event_date >= @from) = 1
          ORDER BY e.event_date DESC, e.id LIMIT 1`,
      )
      .get({ from: addDays(TODAY, -12), to: addDays(TODAY, -1) }) as Client | undefined;
    if (!hit) throw new Error('the demo HIS has no abnormal checkup of a 50–74-year-old in the last 12 days');
    return hit;
  } finally {
    db.close();
  }
}

test('risk answers and an abnormal finding place a checkup client in the high tier and its plan', async ({ page, backend }) => {
  const client = pickClient(backend);
  const head = await signedIn(backend, 'head');
  try {
    // The shipped plans, narrowed to this client's checkup day so other specs' queues stay as they were.
    const assessment = template('checkup-risk-assessment');
    assessment.code = 'e2e-risk-assessment';
    assessment.name = 'E2E 体检风险评估';
    assessment.enrolment.notBefore = client.checkupDate;
    assessment.enrolment.rules[0].ageMin = 50;
    assessment.enrolment.rules[0].ageMax = 74;
    const tierPlan = (code: string, name: string) => ({ ...template(code), code: `e2e-${code}`, name, generateAheadDays: 40 });
    const plans = [assessment, tierPlan('checkup-risk-high', 'E2E 体检高危管理'), tierPlan('checkup-risk-medium', 'E2E 体检中危管理')];
    const ids: Record<string, number> = {};
    for (const def of plans) {
      const saved = await head.call('plans.save', { definition: def });
      await head.call('plans.activate', { planId: saved.planId, version: saved.version });
      ids[def.code] = saved.planId;
    }
    await head.call('tasks.generate');

    const nurse = await signedIn(backend, 'nurse');
    const taskOf = async (planId: number) =>
      (
        (await nurse.call('tasks.queue', { scope: 'team', planId, due: 'any', search: client.name, pageSize: 50 })).rows as {
          id: number;
          patientName: string;
        }[]
      ).find((r) => r.patientName === client.name);
    const asked = await taskOf(ids['e2e-risk-assessment']);
    expect(asked, 'the assessment plan asks her').toBeDefined();
    await nurse.call('tasks.claim', { taskId: asked!.id });
    await nurse.dispose();

    // The nurse answers on the follow-up screen: 50–74 (2), < 20 pack-years (2), H. pylori (1).
    await new LoginScreen(page).signIn(backend.url, 'nurse');
    await page.goto(`${backend.url}/#/followup/${asked!.id}`);
    const fu = new FollowupScreen(page);
    await fu.waitOpen();
    await expect(page.getByTestId('questionnaire')).toHaveAttribute('data-questionnaire-id', 'tumour-risk');
    const pick = (item: string, value: string) => fu.item(item).locator(`[data-value="${value}"]`).click();
    await pick('age', '50_74');
    await pick('smoking', 'lt20');
    await pick('passive', 'no');
    await pick('family', 'none');
    await pick('infection', 'hp');
    await pick('exposure', 'none');
    await pick('history', 'none');
    await expect(page.getByTestId('q-missing')).toHaveAttribute('data-count', '0');
    await expect(page.getByTestId('score-panel')).toContainText('中风险');
    await fu.waitSaved();
    const keys = new Keys(page);
    await page.getByTestId('disposition').focus();
    await keys.press('1'); // 完成
    await keys.press('Enter');
    await expect(page.locator('.fu-no-dial .ant-btn-primary')).toBeFocused();
    await keys.press('Enter');
    await expect(page).not.toHaveURL(new RegExp(`#/followup/${asked!.id}$`));

    // The tier shows on her timeline at once, with why; the next cycle enrols her in the high plan only.
    await page.goto(`${backend.url}/#/patients/${client.patientId}`);
    const tier = page.locator(`[data-testid="timeline-event"][data-kind="checkup"]`).getByTestId('risk-tier');
    await expect(tier).toHaveAttribute('data-tier', 'high');
    await expect(tier).toHaveText('风险分层：高危');
    await tier.hover();
    await expect(page.locator('.ant-tooltip:visible')).toContainText('肿瘤风险总分 5（≥ 4）；体检异常');
    await page.screenshot({ path: test.info().outputPath('tier.png') });

    await head.call('tasks.generate');
    const again = await signedIn(backend, 'nurse');
    const inPlan = async (planId: number) =>
      ((await again.call('tasks.queue', { scope: 'team', planId, due: 'any', search: client.name, pageSize: 50 })).rows as { patientName: string }[]).some(
        (r) => r.patientName === client.name,
      );
    expect(await inPlan(ids['e2e-checkup-risk-high'])).toBe(true);
    expect(await inPlan(ids['e2e-checkup-risk-medium'])).toBe(false);
    await again.dispose();
  } finally {
    await head.dispose();
  }
});
