import type { SmsTemplateInfo } from '../../shared/contract/messaging';
import { smsSegments } from '../../shared/messaging/template';
import type { Handlers } from '../api/dispatcher';
import { ApiError } from '../api/errors';
import type { Services } from '../api/services';
import { auditedChange } from '../store/in-transaction';
import { assertPatientVisible } from '../auth/access';
import { canSeeFullPhone } from '../auth/permissions';
import { beijingTimestamp } from '../util/clock';
import { compose } from './compose';
import { maskE164 } from './text';
import { logProvider, type SmsProvider } from './provider';
import { messageRecord, mobilesOf, patientMessages, recordOptOut } from './repo';
import { sendOne, type MessagingDeps } from './send';
import { shippedSmsTemplates } from './templates';
import { twilioProvider } from './twilio-provider';
import { mintVoiceToken } from './voice-token';

type MessagingMethod = 'messages.templates' | 'messages.list' | 'messages.preview' | 'messages.send' | 'messages.optOut' | 'calls.twilioToken';

/** Twilio when configured, else the log-only provider (messages stored as 'logged'). */
export const smsProviderFor = (config: Services['config'], log: (m: string) => void = (m) => console.error(m)): SmsProvider =>
  config.twilio ? twilioProvider(config.twilio) : logProvider(log);

export const messagingHandlers = ({ store, clock, config, sms }: Services): Pick<Handlers, MessagingMethod> => {
  const knex = store.knex;
  let fallback: SmsProvider | null = null;
  const log = (m: string) => console.error(m);
  const deps = (): MessagingDeps => ({
    knex,
    clock,
    provider: sms ?? (fallback ??= smsProviderFor(config, log)),
    hospital: config.sms?.hospitalName ?? '本院',
    statusCallbackUrl: config.twilio?.statusCallbackUrl ?? null,
    templates: shippedSmsTemplates(),
    log,
  });
  return {
    'messages.templates': async () => shippedSmsTemplates().map((t): SmsTemplateInfo => ({ ...t })),
    'messages.list': async ({ patientId, limit }, ctx) => {
      if (!(await knex('patients').where({ id: patientId }).first('id'))) throw new ApiError('not_found', `patient ${patientId} not found`);
      await assertPatientVisible(knex, ctx.user, patientId);
      return patientMessages(knex, patientId, ctx.user.role, limit);
    },
    'messages.preview': async (input, ctx) => {
      await assertPatientVisible(knex, ctx.user, input.patientId);
      const c = await compose(knex, deps(), input);
      const phone = c.phone && !canSeeFullPhone(ctx.user.role) ? maskE164(c.phone) : c.phone;
      return { body: c.body, phone, segments: smsSegments(c.body), optedOut: c.optedOut };
    },
    'messages.send': async (input, ctx) => {
      await assertPatientVisible(knex, ctx.user, input.patientId);
      const d = deps();
      const c = await compose(knex, d, input);
      if (c.deceased) throw new ApiError('invalid_input', '患者已故，不发送短信 (the patient is deceased)');
      if (!c.phone) throw new ApiError('invalid_input', '患者没有可接收短信的手机号 (no mobile number for SMS)', [{ path: 'phone', message: 'none' }]);
      if (c.optedOut) throw new ApiError('invalid_input', '患者已退订短信 (the patient opted out of SMS)', [{ path: 'patientId', message: 'opted out' }]);
      // Opt-out is checked again inside sendOne, right before the provider call.
      const out = await sendOne(d, {
        patientId: c.patientId,
        phone: c.phone,
        template: c.template,
        body: c.body,
        aboutTaskId: input.taskId ?? null,
        sentBy: ctx.user.id,
      });
      if (out.kind === 'opted_out')
        throw new ApiError('invalid_input', '患者已退订短信 (the patient opted out of SMS)', [{ path: 'patientId', message: 'opted out' }]);
      if (out.kind === 'duplicate') throw new ApiError('conflict', 'duplicate message');
      ctx.audit.detail = { outcome: out.kind };
      return messageRecord(knex, out.messageId, ctx.user.role);
    },
    'messages.optOut': async ({ patientId, note }, ctx) => {
      if (!(await knex('patients').where({ id: patientId }).first('id'))) throw new ApiError('not_found', `patient ${patientId} not found`);
      await assertPatientVisible(knex, ctx.user, patientId);
      const at = beijingTimestamp(clock.now());
      const phones = await mobilesOf(knex, patientId);
      return auditedChange(store, ctx, async ({ knex: trx }) => {
        // The patient row itself blocks every number, including ones the HIS adds later.
        await recordOptOut(trx, { phone: null, patientId, source: 'manual', note: note ?? null, byUser: ctx.user.id, at });
        for (const phone of phones) await recordOptOut(trx, { phone, patientId, source: 'manual', note: note ?? null, byUser: ctx.user.id, at });
        return { patientId, optOuts: phones.length + 1 };
      });
    },
    'calls.twilioToken': async (_input, ctx) => {
      ctx.audit.detail = { transport: ctx.transport };
      return mintVoiceToken(config.twilio, ctx.user.username, clock);
    },
  };
};
