import { expect, type Locator, type Page } from '@playwright/test';
import { pickOption } from './antd-select';

// Page models for the work queue, the follow-up screen and the plan editor (the finder's and
// sync's live in pages.ts).

/** Every key the nurse presses goes through here, so the test can report how many it took. */
export class Keys {
  count = 0;
  readonly log: string[] = [];
  constructor(private readonly page: Page) {}

  async press(key: string): Promise<void> {
    this.count += 1;
    this.log.push(key);
    await this.page.keyboard.press(key);
  }

  /** Typing text counts one key per character. */
  async type(text: string): Promise<void> {
    for (const ch of text) await this.press(ch);
  }
}

export class QueueScreen {
  readonly rows: Locator;
  readonly ready: Locator;

  constructor(private readonly page: Page) {
    this.rows = page.getByTestId('queue-row');
    this.ready = page.getByTestId('queue-ready');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-queue').click();
    await this.waitReady();
  }

  async waitReady(): Promise<void> {
    await expect(this.page.getByTestId('queue-page')).toBeVisible();
    await expect(this.ready).toHaveAttribute('data-ready', 'true');
  }

  async tab(scope: 'mine' | 'team' | 'all'): Promise<void> {
    await this.page.getByTestId(`queue-tab-${scope}`).click();
    await this.waitReady();
  }

  /** Chooses the plan filter by mouse, then leaves the focus on the page as a click would. */
  async filterPlan(name: string): Promise<void> {
    await pickOption(this.page, this.page.getByTestId('queue-plan'), name);
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await this.waitReady();
    await expect(this.rows.first()).toContainText(name);
  }

  async taskIds(): Promise<number[]> {
    return await this.rows.evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-task-id'))));
  }
}

export class FollowupScreen {
  readonly root: Locator;
  readonly items: Locator;
  readonly submitNext: Locator;
  readonly escalationNote: Locator;
  readonly draft: Locator;
  readonly warning: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('followup-page');
    this.items = page.getByTestId('q-item');
    this.submitNext = page.getByTestId('submit-next');
    this.escalationNote = page.getByTestId('escalation-note');
    this.draft = page.getByTestId('draft-status');
    this.warning = page.getByTestId('warning-colour');
  }

  /** Waits for an editable follow-up screen (other than `notTaskId`) and returns its task id. */
  async waitOpen(notTaskId?: number): Promise<number> {
    await expect(this.page).toHaveURL(/#\/followup\/\d+$/);
    if (notTaskId !== undefined) await expect(this.page).not.toHaveURL(new RegExp(`#/followup/${notTaskId}$`));
    await expect(this.root).toHaveAttribute('data-editable', 'true');
    const id = Number(/#\/followup\/(\d+)$/.exec(this.page.url())![1]);
    await expect(this.root).toHaveAttribute('data-task-id', String(id));
    return id;
  }

  item(id: string): Locator {
    return this.page.locator(`[data-item-id="${id}"]`);
  }

  /** The chosen option values of a choice item, or the text of an input item. */
  async answerOf(id: string): Promise<string> {
    const item = this.item(id);
    const picked = await item.locator('[aria-checked="true"]').evaluateAll((os) => os.map((o) => o.getAttribute('data-value')).join(','));
    if (picked) return picked;
    const input = item.locator('input, textarea');
    return (await input.count()) ? input.first().inputValue() : '';
  }

  /** What has the keyboard focus: a questionnaire item id, else the element's test id. */
  async focused(): Promise<{ itemId: string | null; testid: string | null; type: string | null }> {
    return this.page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      const item = a?.closest('[data-item-id]') as HTMLElement | null;
      return {
        itemId: item?.dataset.itemId ?? null,
        testid: a?.closest('[data-testid]')?.getAttribute('data-testid') ?? null,
        type: item?.dataset.type ?? null,
      };
    });
  }

  async waitSaved(): Promise<void> {
    await expect(this.draft).toHaveAttribute('data-state', 'saved');
  }

  /** Calls the API from the page, with the page's session, as a script would. */
  async api<T>(method: string, input: unknown): Promise<{ result?: T; error?: { code: string; message: string } }> {
    return this.page.evaluate(
      async ({ method, input }) => {
        const res = await fetch(`api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Followup': '1' },
          body: JSON.stringify(input),
        });
        return res.json();
      },
      { method, input },
    );
  }
}

export class PlansScreen {
  readonly editor: Locator;
  readonly rows: Locator;

  constructor(private readonly page: Page) {
    this.editor = page.getByTestId('plan-editor');
    this.rows = page.getByTestId('plan-row');
  }

  async open(): Promise<void> {
    await this.page.getByTestId('nav-plans').click();
    await expect(this.page.getByTestId('plans-page')).toBeVisible();
    await expect(this.page.locator('.plan-list .ant-spin-spinning')).toHaveCount(0);
  }

  async createFromTemplate(templateName: string, code: string, name: string): Promise<void> {
    await this.page.getByTestId('plan-create').click();
    const modal = this.page.locator('.ant-modal:visible');
    await pickOption(this.page, this.page.getByTestId('plan-create-template'), templateName);
    await this.page.getByTestId('plan-create-code').fill(code);
    await this.page.getByTestId('plan-create-name').fill(name);
    await modal.getByRole('button', { name: /开始编辑/ }).click();
    await expect(this.editor).toBeVisible();
  }
}
