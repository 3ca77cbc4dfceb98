import type { Knex } from 'knex';
import type { SendInput } from '../../shared/contract/messaging';
import { ApiError } from '../api/errors';
import { isOptedOut, mobilesOf } from './repo';
import { renderSms, templateById } from './templates';
import { toE164 } from './text';
import type { MessagingDeps } from './send';

export interface Composed {
  patientId: number;
  phone: string | null;
  template: string;
  body: string;
  optedOut: boolean;
  deceased: boolean;
}

/**
 * A message from the follow-up screen, as it would go out: the template filled (name masked),
 * the number (one of the patient's own numbers; by default the best mobile) and whether an
 * opt-out forbids it.
 */
export async function compose(knex: Knex, deps: Pick<MessagingDeps, 'hospital' | 'templates'>, input: Omit<SendInput, 'taskId'>): Promise<Composed> {
  const patient = await knex('patients').where({ id: input.patientId }).first('id', 'name', 'deceased');
  if (!patient) throw new ApiError('not_found', `patient ${input.patientId} not found`);
  const template = templateById(deps.templates, input.template);
  const body = renderSms(template, input.variables ?? {}, { patientName: patient.name, hospital: deps.hospital });
  const mobiles = await mobilesOf(knex, input.patientId);
  let phone: string | null = mobiles[0] ?? null;
  if (input.phone) {
    phone = toE164(input.phone);
    // Only the patient's own numbers on file: the screen cannot be used to text anyone.
    if (!phone || !mobiles.includes(phone))
      throw new ApiError('invalid_input', "该号码不是患者的手机号 (not one of the patient's mobile numbers)", [{ path: 'phone', message: 'unknown number' }]);
  }
  return {
    patientId: input.patientId,
    phone,
    template: template.id,
    body,
    optedOut: await isOptedOut(knex, phone, input.patientId),
    deceased: !!Number(patient.deceased),
  };
}
