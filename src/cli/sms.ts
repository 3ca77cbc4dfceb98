import type { Command } from 'commander';
import { createApp } from '../main/app';
import { loadConfig } from '../main/config';
import { smsProviderFor } from '../main/messaging/handlers';
import { sendDueSms } from '../main/messaging/send-due';
import { dataDirOf, withDataOption } from './common';

export function registerSms(program: Command): void {
  const sms = program.command('sms').description('SMS: chronic-disease monthly reminders (Twilio, or log-only without it)');
  withDataOption(
    sms
      .command('send-due')
      .description('send the SMS-channel tasks due today and close them with their message; safe to rerun (one message per task, ever); prints counts as JSON'),
  ).action(async (opts: { data?: string }) => {
    const log = (m: string) => console.error(m);
    const app = await createApp(loadConfig(dataDirOf(opts)), { log });
    try {
      const counts = await sendDueSms(app.store, app.clock, smsProviderFor(app.config, log), {
        hospital: app.config.sms?.hospitalName,
        statusCallbackUrl: app.config.twilio?.statusCallbackUrl ?? null,
        log,
      });
      console.log(JSON.stringify(counts));
    } finally {
      await app.close();
    }
  });
}
