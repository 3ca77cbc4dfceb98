import { expect, type Locator, type Page } from '@playwright/test';

// Page model for the admin's 用户管理: add, edit (departments), reset password, disable/enable.

export interface NewUser {
  username: string;
  name: string;
  /** The role's label, e.g. 随访护士. */
  roleLabel: string;
  depts: string[];
  password: string;
}

const visibleOptions = (page: Page) => page.locator('.ant-select-dropdown:visible .ant-select-item-option');

export class UsersScreen {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-users').click();
    await expect(this.page.getByTestId('users-page')).toBeVisible();
  }

  row(username: string): Locator {
    return this.page.locator(`[data-testid="user-row"][data-username="${username}"]`);
  }

  /** Picks options of the form's multiple select by typing each name and clicking its option. */
  private async chooseDepts(names: string[]): Promise<void> {
    const select = this.page.getByTestId('user-form-depts');
    await select.click();
    // Replace what is there: remove the chosen tags first.
    for (let n = await select.locator('.ant-select-selection-item').count(); n > 0; n--) await this.page.keyboard.press('Backspace');
    for (const name of names) {
      await this.page.keyboard.type(name);
      await visibleOptions(this.page).filter({ hasText: name }).first().click();
    }
    await this.page.keyboard.press('Escape');
  }

  private async save(okTestId: string, form: string): Promise<void> {
    await this.page.getByTestId(okTestId).click();
    await expect(this.page.getByTestId(form)).not.toBeVisible();
  }

  async add(u: NewUser): Promise<void> {
    await this.page.getByTestId('user-add').click();
    await this.page.getByTestId('user-form-username').fill(u.username);
    await this.page.getByTestId('user-form-name').fill(u.name);
    await this.page.getByTestId('user-form-role').click();
    await visibleOptions(this.page).filter({ hasText: u.roleLabel }).first().click();
    await this.chooseDepts(u.depts);
    await this.page.getByTestId('user-form-password').fill(u.password);
    await this.save('user-form-ok', 'user-form');
    await expect(this.row(u.username)).toContainText(u.name);
    for (const name of u.depts) await expect(this.row(u.username).getByTestId('user-depts')).toContainText(name);
  }

  /** Replaces a user's departments and waits until the list shows them. */
  async assign(username: string, deptNames: string[]): Promise<void> {
    await this.row(username).getByTestId('user-edit').click();
    await this.chooseDepts(deptNames);
    await this.save('user-form-ok', 'user-form');
    for (const name of deptNames) await expect(this.row(username).getByTestId('user-depts')).toContainText(name);
  }

  /** Disables (or enables) a user after the confirmation, and waits until the list says so. */
  async setActive(username: string, active: boolean): Promise<void> {
    await this.row(username).getByTestId('user-toggle-active').click();
    await this.page.getByTestId('user-active-confirm').click();
    await expect(this.row(username).getByTestId('user-status')).toHaveAttribute('data-active', String(active));
  }

  /** Opens 重置密码, types the password twice and submits; returns the field's error, if any. */
  async resetPassword(username: string, password: string): Promise<string | null> {
    await this.row(username).getByTestId('user-reset-password').click();
    await this.page.getByTestId('password-form-new').fill(password);
    await this.page.getByTestId('password-form-confirm').fill(password);
    await this.page.getByTestId('password-form-ok').click();
    const error = this.page.getByTestId('password-form').locator('.ant-form-item-explain-error').first();
    const outcome = await Promise.race([
      error.waitFor().then(() => 'error' as const),
      this.page
        .getByTestId('password-form')
        .waitFor({ state: 'detached' })
        .then(() => 'done' as const),
    ]);
    return outcome === 'error' ? ((await error.textContent()) ?? '') : null;
  }
}
