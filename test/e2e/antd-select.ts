import { expect, type Locator, type Page } from '@playwright/test';

const openDropdowns = (page: Page) => page.locator('.ant-select-dropdown:visible');

/**
 * Opens an antd Select and clicks one of its options, until the pick has closed the dropdown.
 * A closing dropdown stays visible while it fades out, and an opening one slides in: on a busy
 * machine a click can find the last dropdown's options or land while this one still moves, and
 * then nothing is chosen; options loaded from the server may come late, and a re-render may
 * close the dropdown. So it starts with no dropdown on screen and opens and clicks again until
 * the dropdown closes after a click, which only a pick does.
 */
export async function pickOption(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  await expect(openDropdowns(page)).toHaveCount(0);
  await expect(async () => {
    if (!(await openDropdowns(page).count())) await select.click();
    await openDropdowns(page).locator('.ant-select-item-option').filter({ hasText: option }).first().click({ timeout: 2_000 });
    await expect(openDropdowns(page)).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
}
