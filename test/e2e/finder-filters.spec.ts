import { expect, test } from './fixtures';
import { FinderScreen, LoginScreen } from './pages';

// The finder's filter fields (issue 13): departments by characters in order and by pinyin
// initials, the diagnosis tooltip saying what a keyword stands for, reversed ranges refused,
// and text cut at the contract's limits by the fields themselves.

test('the department box finds 肿瘤内科 by 肿瘤科 and by zlnk', async ({ page, backend }) => {
  await new LoginScreen(page).signIn(backend.url, 'nurse');
  const finder = new FinderScreen(page);
  await finder.waitForResults(-1);
  const seq = Number(await finder.total.getAttribute('data-seq'));
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  const box = page.getByTestId('finder-depts');

  await box.click();
  await page.keyboard.type('肿瘤科');
  await expect(options.first()).toHaveText(/^肿瘤内科/);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');

  await box.click();
  await page.keyboard.type('zlnk');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toHaveText(/^肿瘤内科/);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.getByTestId('finder-search').click();
  expect(await finder.waitForResults(seq)).toBeGreaterThan(0);
  for (const row of await finder.rows.all()) await expect(row).toContainText('肿瘤内科');
});

test('the diagnosis tooltip shows what 肺癌 stands for, a reversed range is refused, long text stops at the field', async ({ page, backend }) => {
  await new LoginScreen(page).signIn(backend.url, 'nurse');
  const finder = new FinderScreen(page);
  await finder.waitForResults(-1);
  const diagnosis = page.getByTestId('finder-diagnosis');
  const tooltip = page.getByTestId('finder-diagnosis-expansion');

  await diagnosis.fill('肺癌, C00-C97');
  await diagnosis.hover();
  await expect(tooltip).toContainText('肺癌：ICD-10 C33-C34，及名称含“肺癌”的诊断');
  await expect(tooltip).toContainText('C00-C97：ICD-10 类目 C00-C97');

  await diagnosis.fill('C99-C00');
  await expect(tooltip).toContainText('诊断范围 C99-C00 的起止颠倒，应写作 C00-C99');
  await expect(tooltip).not.toContainText('reversed');
  await page.getByTestId('finder-search').click();
  await expect(page.locator('.ant-message')).toContainText('起止颠倒');

  // 11,000 characters pasted: the fields keep the contract's maximum, nothing reaches the server.
  await diagnosis.fill('肺'.repeat(11_000));
  await expect(diagnosis).toHaveValue('肺'.repeat(200));
  await finder.query.fill('张'.repeat(11_000));
  await expect(finder.query).toHaveValue('张'.repeat(64));
});
