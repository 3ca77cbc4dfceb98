import { expect, type Locator, type Page } from '@playwright/test';
import { pickOption } from './antd-select';

// The plan editor's form as an oncology team member uses it: general numbers, the treatment
// start source, cycles and points of each track. Locators only; the spec says what to do.

export class PlanForm {
  readonly tracks: Locator;

  constructor(private readonly page: Page) {
    this.tracks = page.getByTestId('plan-track');
  }

  async tab(name: RegExp): Promise<void> {
    await this.page.getByTestId('plan-editor').getByRole('tab', { name }).click();
  }

  async number(label: string, value: number): Promise<void> {
    const box = this.page.getByLabel(label, { exact: true });
    await box.fill(String(value));
    await box.blur();
  }

  /** Picks an option of the antd Select inside `scope`. */
  async choose(select: Locator, option: string): Promise<void> {
    await pickOption(this.page, select, option);
  }

  /** The <input> a test id names: the element itself, or the input inside it (antd wraps some). */
  async input(scope: Locator, testId: string): Promise<Locator> {
    const el = scope.getByTestId(testId).first();
    return (await el.evaluate((e) => e.tagName)) === 'INPUT' ? el : el.locator('input').first();
  }

  /** An offset box ("21 天"): its number, then its unit. */
  async offset(scope: Locator, testId: string, n: number, unit: string): Promise<void> {
    await (await this.input(scope, `${testId}-n`)).fill(String(n));
    await this.choose(scope.getByTestId(`${testId}-unit`).first(), unit);
  }

  track(i: number): Locator {
    return this.tracks.nth(i);
  }

  async removeTrack(i: number): Promise<void> {
    await this.track(i).locator('.ant-card-extra button').click();
  }

  async expectTracks(n: number): Promise<void> {
    await expect(this.tracks).toHaveCount(n);
  }
}
