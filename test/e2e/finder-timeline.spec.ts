import { expect, test } from './fixtures';
import { pickFinderCase, pickPatientWithId, pickTimelineCase } from './his';
import { FinderScreen, LoginScreen, TimelineScreen } from './pages';

test('a nurse filters discharged patients and opens one with a critical checkup value', async ({ page, backend }) => {
  const c = pickFinderCase(backend.hisFile);
  expect(c.expected, 'the chosen filters should match some stays').toBeGreaterThan(0);

  await new LoginScreen(page).signIn(backend.url, 'nurse');
  const finder = new FinderScreen(page);
  // The search box has focus on arrival: a nurse can type a name straight away.
  await expect(finder.query).toBeFocused();
  const unfiltered = await finder.waitForResults(-1);

  await finder.selectDepartment(c.deptName);
  await finder.setDiagnosis(c.keyword);
  await finder.setEventDates(c.from, c.to);
  const total = await finder.search();

  expect(total, `${c.deptName} + ${c.keyword} + ${c.from}..${c.to}, counted in the HIS`).toBe(c.expected);
  expect(total).toBeLessThan(unfiltered);
  await expect(finder.total).toHaveText(`共 ${c.expected} 条`);
  await expect(finder.rows).toHaveCount(Math.min(c.expected, 50));
  await expect(finder.rows.first()).toContainText(c.deptName);
  // The keyword, or a category it stands for (肺癌 → C34.900 肺恶性肿瘤).
  const first = await finder.rows.first().innerText();
  const category = /\b([A-Z]\d{2})\./.exec(first)?.[1] ?? '';
  expect(first.includes(c.keyword) || (category >= c.categories[0] && category <= c.categories[1]), first).toBe(true);
  await page.screenshot({ path: test.info().outputPath('finder.png') });

  const patient = pickTimelineCase(backend.hisFile, backend.planted.criticalFindings);
  await finder.reset();
  expect(await finder.searchFor(patient.inpatientNo)).toBe(1);
  await finder.rows.first().click();

  const timeline = new TimelineScreen(page);
  await timeline.waitOpen();
  await expect(page).toHaveURL(/#\/patients\/\d+$/);
  await expect(page.getByTestId('patient-name')).toHaveText(patient.name);
  await expect(timeline.eventsOf('inpatient').first()).toBeVisible();
  await expect(timeline.eventsOf('outpatient').first()).toBeVisible();
  const critical = timeline.eventsOf('checkup').filter({ has: timeline.criticalFindings });
  await expect(critical.first()).toBeVisible();
  await expect(critical.first().getByTestId('critical-finding').first()).toContainText('危急值');
  await critical.first().getByTestId('critical-finding').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('timeline.png') });

  // Newest first: the dates down the timeline never increase.
  const dates = await page.locator('.patient-timeline .ant-timeline-item-title').allTextContents();
  expect(dates.length).toBeGreaterThanOrEqual(3);
  expect([...dates].sort().reverse()).toEqual(dates);

  // A reload keeps the patient open (the hash carries it).
  await page.reload();
  await timeline.waitOpen();
  await expect(page.getByTestId('patient-name')).toHaveText(patient.name);
});

test('a nurse sees the ID number masked', async ({ page, backend }) => {
  const patient = pickPatientWithId(backend.hisFile);
  await new LoginScreen(page).signIn(backend.url, 'nurse');
  const finder = new FinderScreen(page);
  await finder.waitForResults(-1);
  expect(await finder.searchFor(patient.inpatientNo)).toBe(1);
  await finder.rows.first().press('Enter');

  const timeline = new TimelineScreen(page);
  await timeline.waitOpen();
  const shown = (await timeline.idNumber.textContent()) ?? '';
  const real = patient.idNumber!.toUpperCase();
  expect(shown).toBe(`${real.slice(0, 6)}********${real.slice(-4)}`);
  expect(shown).not.toContain(real.slice(6, 14));
});
