import { expect, type Locator, type Page } from '@playwright/test';
import { USERS, type UserKey } from './fixtures';
import { pickOption } from './antd-select';

// All locators live here so a markup change is fixed in one place.

export class LoginScreen {
  constructor(private readonly page: Page) {}

  async signIn(baseUrl: string, who: UserKey): Promise<void> {
    const user = USERS[who];
    await this.page.goto(`${baseUrl}/`);
    await this.page.getByTestId('login-username').fill(user.username);
    await this.page.getByTestId('login-password').fill(user.password);
    await this.page.getByTestId('login-submit').click();
    await expect(this.page.getByTestId('current-user')).toContainText(user.name);
  }
}

export class FinderScreen {
  readonly total: Locator;
  readonly rows: Locator;
  readonly query: Locator;

  constructor(private readonly page: Page) {
    this.total = page.getByTestId('finder-total');
    this.rows = page.getByTestId('finder-row');
    this.query = page.getByTestId('finder-query');
  }

  /** Waits until the answer to the latest 查询 is on screen, not the one before it. */
  async waitForResults(afterSeq: number): Promise<number> {
    await expect.poll(async () => Number(await this.total.getAttribute('data-seq'))).toBeGreaterThan(afterSeq);
    await expect(this.total).toHaveAttribute('data-ready', 'true');
    return Number(await this.total.getAttribute('data-total'));
  }

  private async seq(): Promise<number> {
    return Number(await this.total.getAttribute('data-seq'));
  }

  async selectDepartment(name: string): Promise<void> {
    const select = this.page.getByTestId('finder-depts');
    await select.click();
    await this.page.keyboard.type(name);
    await this.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: new RegExp(`^${name}`) })
      .first()
      .click();
    await this.page.keyboard.press('Escape');
  }

  async setDiagnosis(text: string): Promise<void> {
    await this.page.getByTestId('finder-diagnosis').fill(text);
  }

  /** Types both ends of the 出院/就诊/体检日期 range picker. */
  async setEventDates(from: string, to: string): Promise<void> {
    const inputs = this.page.getByTestId('finder-event-date').locator('input');
    await inputs.first().click();
    await inputs.first().fill(from);
    await inputs.first().press('Enter');
    await inputs.last().fill(to);
    await inputs.last().press('Enter');
    await expect(inputs.first()).toHaveValue(from);
    await expect(inputs.last()).toHaveValue(to);
  }

  /** Presses 查询 and returns the displayed total once it belongs to this search. */
  async search(): Promise<number> {
    const before = await this.seq();
    await this.page.getByTestId('finder-search').click();
    return this.waitForResults(before);
  }

  /** Types into the one search box and submits with Enter, as nurses do. */
  async searchFor(term: string): Promise<number> {
    const before = await this.seq();
    await this.query.fill(term);
    await this.query.press('Enter');
    return this.waitForResults(before);
  }

  async reset(): Promise<void> {
    const before = await this.seq();
    await this.page.getByTestId('finder-reset').click();
    await this.waitForResults(before);
  }
}

export class TimelineScreen {
  readonly drawer: Locator;
  readonly events: Locator;
  readonly criticalFindings: Locator;
  readonly idNumber: Locator;

  constructor(private readonly page: Page) {
    this.drawer = page.getByTestId('timeline-ready');
    this.events = page.getByTestId('timeline-event');
    this.criticalFindings = page.getByTestId('critical-finding');
    this.idNumber = page.getByTestId('patient-id-number');
  }

  eventsOf(kind: 'inpatient' | 'outpatient' | 'checkup'): Locator {
    return this.page.locator(`[data-testid="timeline-event"][data-kind="${kind}"]`);
  }

  async waitOpen(): Promise<void> {
    await expect(this.drawer).toBeVisible();
  }
}

export class SyncScreen {
  readonly start: Locator;
  readonly progress: Locator;
  readonly runs: Locator;
  readonly rejectedRows: Locator;

  constructor(private readonly page: Page) {
    this.start = page.getByTestId('sync-start');
    this.progress = page.getByTestId('sync-progress');
    this.runs = page.getByTestId('sync-runs').locator('tbody tr.ant-table-row');
    this.rejectedRows = page.getByTestId('sync-rejected').locator('tbody tr.ant-table-row');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-sync').click();
    await expect(this.runs.first()).toBeVisible();
  }

  async filterRejected(entityLabel: string): Promise<void> {
    await pickOption(this.page, this.page.getByTestId('rejected-entity'), entityLabel);
  }
}
