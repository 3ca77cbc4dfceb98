import { createHmac, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { beijingTimestamp, type Clock } from '../util/clock';

// REDCap's de-identified export: identifiers dropped by the caller, the patient id replaced by a
// keyed hash and every date moved back by a per-patient number of days (0–364), the same for
// all of a patient's dates so that intervals survive. The key is the installation's, kept in the
// store so that every workstation of a shared store gives a patient the same pseudonym.

const KEY_NAME = 'deidentify';

export async function deidentifyKey(knex: Knex, clock: Clock): Promise<Buffer> {
  await knex('install_secrets')
    .insert({ name: KEY_NAME, value: randomBytes(32).toString('hex'), created_at: beijingTimestamp(clock.now()) })
    .onConflict('name')
    .ignore();
  const row = await knex('install_secrets').where({ name: KEY_NAME }).first('value');
  return Buffer.from(row.value as string, 'hex');
}

const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();

export const pseudonym = (key: Buffer, patientId: number): string => hmac(key, `patient:${patientId}`).toString('hex').slice(0, 20);

export const shiftDaysOf = (key: Buffer, patientId: number): number => hmac(key, `date-shift:${patientId}`).readUInt32BE(0) % 365;

/** 'YYYY-MM-DD' or 'YYYY-MM-DD HH:mm:ss' moved back by whole days (the time of day kept). */
export function shiftBack(value: string, days: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(.*)$/.exec(value);
  if (!m) return value;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]) - days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}${m[4]}`;
}
