import { expect, type Page } from '@playwright/test';
import { chineseRuns, latinSentences, withoutData } from '../helpers/language-leaks';
import { pickOption } from './antd-select';

export type ScreenLanguage = 'zh-CN' | 'en';

/** What a user sees: the page's visible text plus the placeholders, titles and labels of visible elements. */
async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attrs = ['placeholder', 'title', 'aria-label'];
    const extra: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(attrs.map((a) => `[${a}]`).join(','))) {
      if (!el.getClientRects().length) continue;
      for (const a of attrs) {
        const v = el.getAttribute(a);
        if (v) extra.push(v);
      }
    }
    return [document.body.innerText, ...extra].join('\n');
  });
}

/**
 * Looks at screen after screen in one language and keeps what belongs to the other: Latin
 * sentences on a Chinese screen, Chinese on an English one (data excepted, see language-data.ts).
 */
export class LanguageSweep {
  readonly findings: string[] = [];

  private readonly data: string[];

  constructor(
    private readonly page: Page,
    readonly lang: ScreenLanguage,
    data: string[],
  ) {
    // Only data that could trip the check is taken out: Chinese values on an English screen,
    // values with Latin phrases (a department "ICU Ward") on a Chinese one.
    this.data = data.filter((d) => (lang === 'en' ? chineseRuns(d).length > 0 : latinSentences(d).length > 0));
  }

  /** Waits for the screen to settle (no spinner or skeleton), then checks it under `name`. */
  async look(name: string): Promise<void> {
    await expect(this.page.locator('.ant-spin-spinning, .ant-skeleton-active, .ant-btn-loading')).toHaveCount(0);
    const text = withoutData(await visibleText(this.page), this.data);
    const found = this.lang === 'en' ? chineseRuns(text) : latinSentences(text);
    for (const s of new Set(found)) this.findings.push(`${name}: ${s}`);
  }

  report(): string {
    const other = this.lang === 'en' ? 'Chinese' : 'English';
    return `${other} on the ${this.lang} screens (page: text):\n  ${this.findings.join('\n  ')}`;
  }
}

/** Opens the app in `lang` from the first page load on, as the language switch would leave it. */
export async function useLanguage(page: Page, lang: ScreenLanguage): Promise<void> {
  await page.addInitScript((l) => localStorage.setItem('followup.language', l), lang);
}

/**
 * Goes to a screen by its address and waits for it: the English menu is wider and folds the
 * last entries into its overflow, where a click on them would not reach.
 */
export async function openScreen(page: Page, hash: string, testId: string): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await expect(page.getByTestId(testId)).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-card')).toBeVisible();
}

/** Chooses a select's option whose text matches `label` (the options follow the screen's language). */
export async function chooseOption(page: Page, testId: string, label: RegExp): Promise<void> {
  await pickOption(page, page.getByTestId(testId), label);
}
