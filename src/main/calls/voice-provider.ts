import type { Knex } from 'knex';
import type { VoiceProvider, VoiceSettings } from '../../shared/contract/calls';
import type { Handlers } from '../api/dispatcher';
import { ApiError } from '../api/errors';
import type { Services } from '../api/services';
import { auditedChange } from '../store/in-transaction';
import { twilioVoiceReady } from '../messaging/voice-token';
import { beijingTimestamp, type Clock } from '../util/clock';

// Each nurse's choice of telephony, kept per user like her SIP account. Twilio can be chosen
// only while main can mint Voice tokens; a choice that config no longer supports reads as 'sip'
// so the softphone never starts a provider that cannot register.

export async function voiceSettings(knex: Knex, userId: number, twilioAvailable: boolean): Promise<VoiceSettings> {
  const row = (await knex('softphone_providers').where({ user_id: userId }).first()) as { provider: string } | undefined;
  const provider: VoiceProvider = row?.provider === 'twilio' && twilioAvailable ? 'twilio' : 'sip';
  return { provider, twilioAvailable };
}

export async function setVoiceProvider(knex: Knex, clock: Clock, userId: number, provider: VoiceProvider, twilioAvailable: boolean): Promise<VoiceSettings> {
  if (provider === 'twilio' && !twilioAvailable)
    throw new ApiError('invalid_input', '未配置 Twilio 语音，不能选择 Twilio (Twilio voice is not configured)', [
      { path: 'provider', message: 'not configured' },
    ]);
  await knex('softphone_providers')
    .insert({ user_id: userId, provider, updated_at: beijingTimestamp(clock.now()) })
    .onConflict('user_id')
    .merge();
  return { provider, twilioAvailable };
}

export const voiceProviderHandlers = ({ store, clock, config }: Services): Pick<Handlers, 'softphone.voice' | 'softphone.setProvider'> => {
  const available = () => twilioVoiceReady(config.twilio);
  return {
    'softphone.voice': async (_i, ctx) => voiceSettings(store.knex, ctx.user.id, available()),
    'softphone.setProvider': async ({ provider }, ctx) =>
      auditedChange(store, ctx, (trx) => setVoiceProvider(trx.knex, clock, ctx.user.id, provider, available())),
  };
};
