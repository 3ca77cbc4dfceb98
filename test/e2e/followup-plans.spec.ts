import { expect, test } from './fixtures';
import { PlansScreen } from './followup-pages';
import { LoginScreen } from './pages';

// The plan editor: start from a shipped template, see how many patients it would enrol before
// saving, save a draft, activate it; editing the live plan opens the next draft and leaves the
// live version read-only while that draft exists.

test('a head makes a plan from a template, previews, activates, then edits it into a new draft', async ({ page, backend }) => {
  await new LoginScreen(page).signIn(backend.url, 'head');
  const plans = new PlansScreen(page);
  await plans.open();
  await plans.createFromTemplate('高血压慢病管理', 'e2e-htn-copy', 'E2E 高血压随访（复制）');

  await page.getByTestId('plan-preview-btn').click();
  const encounters = page.getByTestId('preview-encounters');
  await expect(encounters).toBeVisible();
  expect(Number(await encounters.getAttribute('data-n'))).toBeGreaterThan(0);
  await page.screenshot({ path: test.info().outputPath('plan-preview.png'), fullPage: true });

  await page.getByTestId('plan-save').click();
  await expect(page).toHaveURL(/#\/plans\/\d+$/);
  const versions = page.getByTestId('plan-versions');
  await expect(versions).toContainText('v1 草稿');

  await page.getByTestId('plan-activate').click();
  await page
    .locator('.ant-popconfirm:visible')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await expect(versions).toContainText('v1 启用中');
  await expect(page.locator('[data-plan-code="e2e-htn-copy"]')).toContainText('v1');

  // Editing the live version saves as v2 (draft); v1 stays live and becomes read-only.
  await page.getByTestId('plan-name').fill('E2E 高血压随访（第二版）');
  await page.getByTestId('plan-save').click();
  await expect(versions).toContainText('v2 草稿');
  await expect(versions).toContainText('v1 启用中');
  await expect(page.getByTestId('plan-name')).toHaveValue('E2E 高血压随访（第二版）');
  await versions.getByText('v1 启用中').click();
  await expect(page.getByTestId('plan-name')).toHaveValue('E2E 高血压随访（复制）');
  await expect(page.getByTestId('plan-save')).toBeDisabled();
  await expect(page.getByTestId('plan-name')).toBeDisabled();
});
