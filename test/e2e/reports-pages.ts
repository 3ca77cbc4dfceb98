import { expect, type Download, type Locator, type Page } from '@playwright/test';

// Page models for the head's screens: dashboard with drill-down, report builder with saved
// reports, and the export history; the admin's user management is in users-pages.ts.

export { UsersScreen } from './users-pages';

const visibleOptions = (page: Page) => page.locator('.ant-select-dropdown:visible .ant-select-item-option');

/** Picks options of an antd multiple select by typing each name and clicking its option. */
async function choose(page: Page, select: Locator, names: string[]): Promise<void> {
  await select.click();
  for (const name of names) {
    await page.keyboard.type(name);
    await visibleOptions(page).filter({ hasText: name }).first().click();
  }
  await page.keyboard.press('Escape');
}

export class DashboardScreen {
  readonly root: Locator;
  readonly grid: Locator;
  readonly depts: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('dashboard-page');
    this.grid = page.getByTestId('metric-grid');
    this.depts = page.getByTestId('dashboard-depts');
  }

  async waitReady(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.grid).toHaveAttribute('data-ready', 'true');
  }

  card(code: string): Locator {
    return this.page.locator(`[data-testid="metric-card"][data-metric="${code}"]`);
  }

  /**
   * The names offered in the department filter. A re-render can close the dropdown between
   * seeing its first option and reading them all, so it opens and reads until it gets names.
   */
  async departmentOptions(): Promise<string[]> {
    let names: string[] = [];
    await expect(async () => {
      if (!(await this.page.locator('.ant-select-dropdown:visible').count())) await this.depts.click();
      names = (await visibleOptions(this.page).allTextContents()).map((s) => s.trim());
      expect(names.length).toBeGreaterThan(0);
    }).toPass({ timeout: 30_000 });
    await this.page.keyboard.press('Escape');
    return names;
  }

  async drill(code: string): Promise<DrillScreen> {
    await this.card(code).getByTestId('metric-value').click();
    const drill = new DrillScreen(this.page);
    await drill.waitReady();
    return drill;
  }
}

export class DrillScreen {
  readonly table: Locator;
  readonly rows: Locator;

  constructor(private readonly page: Page) {
    this.table = page.getByTestId('drill-table');
    this.rows = this.table.locator('tbody tr.ant-table-row');
  }

  async waitReady(): Promise<void> {
    await expect(this.page.getByTestId('drill-drawer')).toBeAttached();
    await expect(this.table).toHaveAttribute('data-ready', 'true');
  }

  async tab(part: 'numerator' | 'gap'): Promise<void> {
    await this.page.getByTestId(`drill-tab-${part}`).click();
    await this.waitReady();
  }

  /** The department column (the second) of the rows on screen. */
  async departments(): Promise<string[]> {
    return (await this.rows.locator('td:nth-child(2)').allTextContents()).map((s) => s.trim());
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.page.getByTestId('drill-drawer')).not.toBeAttached();
  }
}

export class BuilderScreen {
  readonly ready: Locator;
  readonly table: Locator;
  readonly saved: Locator;

  constructor(private readonly page: Page) {
    this.ready = page.getByTestId('report-ready');
    this.table = page.getByTestId('report-table');
    this.saved = page.getByTestId('saved-report');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-reports').click();
    await expect(this.page.getByTestId('builder-page')).toBeVisible();
  }

  async chooseRows(label: string): Promise<void> {
    await this.page.getByTestId('builder-rows').click();
    await visibleOptions(this.page).filter({ hasText: label }).first().click();
  }

  async chooseMeasures(names: string[]): Promise<void> {
    await choose(this.page, this.page.getByTestId('builder-measures'), names);
  }

  /** Presses 运行 and waits for this run's answer. */
  async run(): Promise<number> {
    const before = Number(await this.ready.getAttribute('data-seq'));
    await this.page.getByTestId('builder-run').click();
    await expect.poll(async () => Number(await this.ready.getAttribute('data-seq'))).toBeGreaterThan(before);
    await expect(this.ready).toHaveAttribute('data-ready', 'true');
    return Number(await this.ready.getAttribute('data-rows'));
  }

  async firstColumn(): Promise<string[]> {
    return (await this.table.locator('tbody tr.ant-table-row td:first-child').allTextContents()).map((x) => x.trim());
  }

  /** The total row, pinned under the rows whatever they are sorted by. */
  totalRow(): Locator {
    return this.table.getByTestId('report-total');
  }

  async save(name: string, dept: string): Promise<void> {
    await this.page.getByTestId('builder-save').click();
    await this.page.getByTestId('save-report-name').fill(name);
    await this.page.getByTestId('save-report-form').getByText('科室报表').click();
    await this.page.getByTestId('save-report-dept').click();
    await visibleOptions(this.page).filter({ hasText: dept }).first().click();
    await this.page.getByTestId('save-report-ok').click();
    await expect(this.savedRow(name)).toBeVisible();
  }

  savedRow(name: string): Locator {
    return this.page.locator(`[data-testid="saved-report"][data-name="${name}"]`);
  }

  /** One-click rerun of a saved report over this month or the last. */
  async rerun(name: string, which: 'this' | 'last'): Promise<number> {
    const before = Number(await this.ready.getAttribute('data-seq'));
    await this.savedRow(name).getByTestId(`saved-rerun-${which}`).click();
    await expect.poll(async () => Number(await this.ready.getAttribute('data-seq'))).toBeGreaterThan(before);
    await expect(this.ready).toHaveAttribute('data-ready', 'true');
    return Number(await this.ready.getAttribute('data-rows'));
  }

  async exportTo(format: 'xlsx' | 'csv'): Promise<void> {
    await this.page.getByTestId(`export-report-${format}`).click();
    await expect(this.page.getByTestId('export-started')).toBeVisible();
  }
}

export class ExportsScreen {
  readonly rows: Locator;

  constructor(private readonly page: Page) {
    this.rows = page.getByTestId('export-row');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-exports').click();
    await expect(this.page.getByTestId('exports-page')).toBeVisible();
  }

  /** The newest export of a kind (the list is newest first). */
  newest(kind: string): Locator {
    return this.page.locator(`[data-testid="export-row"][data-kind="${kind}"]`).first();
  }

  async waitStatus(row: Locator, status: 'running' | 'done' | 'failed' | 'cancelled'): Promise<void> {
    await expect(row.getByTestId('export-status')).toHaveAttribute('data-status', status);
  }

  async download(row: Locator): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), row.getByTestId('export-download').click()]);
    return download;
  }
}
