import { signedIn } from './api-session';
import { expect, test } from './fixtures';
import { QueueScreen } from './followup-pages';
import { preparePlans } from './followup-setup';
import { LoginScreen } from './pages';

// A patient calls in and it rings at a colleague's softphone: the nurse's queue marks the
// patient's task at once (the server's tasks.changed, no reload), with who has the call, while it
// rings and while they talk, and drops the mark when the call ends.

test("a colleague's call with a patient is marked on the patient's queue row while it lasts", async ({ page, backend }) => {
  const plans = await preparePlans(backend);
  await new LoginScreen(page).signIn(backend.url, 'nurse');
  const queue = new QueueScreen(page);
  await queue.open();
  await queue.filterPlan(plans.phq9.name);
  const row = queue.rows.first();
  const taskId = Number(await row.getAttribute('data-task-id'));
  const mark = page.locator(`[data-testid="queue-row"][data-task-id="${taskId}"]`).getByTestId('queue-live-call');
  await expect(mark).toHaveCount(0);

  const colleague = await signedIn(backend, 'nurse2');
  try {
    const { patientId } = (await colleague.call('followup.open', { taskId })).task;
    const { callId } = await colleague.call('calls.start', { direction: 'inbound', number: '13800138000', patientId });
    await expect(mark).toHaveText('来电中 · 护士丁接听');
    await expect(mark).toHaveAttribute('data-phase', 'ringing');
    await colleague.call('calls.answered', { callId });
    await expect(mark).toHaveText('正与护士丁通话');
    await page.screenshot({ path: test.info().outputPath('queue-live-call.png') });
    await colleague.call('calls.end', { callId, endedBy: 'remote', reason: 'bye' });
    await expect(mark).toHaveCount(0);
  } finally {
    await colleague.dispose();
  }
});
