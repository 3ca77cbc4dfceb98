import fs from 'node:fs';
import type { Handlers } from '../api/dispatcher';
import type { Services } from '../api/services';
import { assertCallVisible, assertPatientVisible, callsInScope, inScopePatients, patientScopeOf } from '../auth/access';
import { confirmAttemptOutcome } from '../tasks/call-outcome';
import { auditedChange } from '../store/in-transaction';
import { beijingDate } from '../util/clock';
import { credentials, getAccount, saveAccount } from './accounts';
import { endCall, getCall, listCalls, markAnswered, ownCall, patientOfTask, setConsent, startCall, toRecord } from './calls-repo';
import { lookupCaller } from './lookup';
import { missedCallToCallbackTask } from './missed-call-hook';
import { purgeRecordings, readRecording, retentionDays, saveRecording } from './recordings';
import { secretBoxFor } from './secret-box';

type CallMethod =
  | 'softphone.account'
  | 'softphone.saveAccount'
  | 'softphone.credentials'
  | 'calls.start'
  | 'calls.answered'
  | 'calls.end'
  | 'calls.link'
  | 'calls.setOutcome'
  | 'calls.setConsent'
  | 'calls.uploadRecording'
  | 'calls.recordingData'
  | 'calls.lookupCaller'
  | 'calls.list'
  | 'calls.purgeRecordings';

export const callHandlers = ({ store, clock, config }: Services): Pick<Handlers, CallMethod> => {
  const knex = store.knex;
  const box = () => secretBoxFor(config.dataDir, config.teamKey);
  return {
    'softphone.account': async (_i, ctx) => getAccount(knex, ctx.user.id),
    'softphone.saveAccount': async (input, ctx) => {
      ctx.audit.detail = { passwordChanged: input.password !== undefined };
      return auditedChange(store, ctx, (trx) => saveAccount(trx.knex, clock, box(), ctx.user.id, input, config.softphone?.pbxWebSocketOrigins ?? []));
    },
    // The one way the password leaves main: to the signed-in user's own softphone, audited.
    'softphone.credentials': async (_i, ctx) => {
      const creds = await credentials(knex, box(), ctx.user.id);
      ctx.audit = creds ? { detail: { transport: ctx.transport } } : { skip: true }; // no account yet: nothing left main
      return creds;
    },
    // Each change below commits together with its audit row, or neither is kept.
    'calls.start': async (input, ctx) => {
      // A head dials only her departments' patients, as she sees only theirs.
      const patient = await patientOfTask(knex, input.taskId ?? null, input.patientId ?? null);
      if (patient != null) await assertPatientVisible(knex, ctx.user, patient);
      return auditedChange(store, ctx, async (trx) => ({ callId: await startCall(trx.knex, clock, ctx.user.id, input) }));
    },
    'calls.answered': async ({ callId }, ctx) => {
      const call = await ownCall(knex, callId, ctx.user.id);
      return auditedChange(store, ctx, async (trx) => {
        await markAnswered(trx.knex, clock, call);
        return { ok: true };
      });
    },
    'calls.end': async ({ callId, ...e }, ctx) => {
      const call = await ownCall(knex, callId, ctx.user.id);
      return auditedChange(store, ctx, async (trx) => {
        const row = await endCall(trx.knex, clock, call, e);
        await missedCallToCallbackTask(trx, clock, row);
        return toRecord(row, ctx.user.role);
      });
    },
    'calls.link': async ({ callId, patientId, taskId }, ctx) => {
      const call = await ownCall(knex, callId, ctx.user.id);
      if (patientId === undefined && taskId === undefined) return { ok: true };
      // What the call will hold: a field left out keeps its value; a task brings its patient.
      const task = taskId === undefined ? call.task_id : taskId;
      const patient = await patientOfTask(knex, task, patientId === undefined ? call.patient_id : patientId);
      if (patient != null) await assertPatientVisible(knex, ctx.user, patient);
      return auditedChange(store, ctx, async (trx) => {
        await trx.knex('calls').where({ id: callId }).update({ patient_id: patient, task_id: task });
        return { ok: true };
      });
    },
    'calls.setOutcome': async ({ callId, outcome }, ctx) => {
      await ownCall(knex, callId, ctx.user.id);
      return auditedChange(store, ctx, async ({ knex: trx }) => {
        await trx('calls').where({ id: callId }).update({ outcome, outcome_confirmed: 1 });
        // The follow-up attempt logged for this call takes what the nurse confirmed.
        await confirmAttemptOutcome(trx, callId, outcome);
        return { ok: true };
      });
    },
    // Audited both ways: when she agreed to be recorded, and when she took it back.
    'calls.setConsent': async ({ callId, consent }, ctx) => {
      const call = await ownCall(knex, callId, ctx.user.id);
      ctx.audit = { action: consent ? 'call.consent.give' : 'call.consent.withdraw', patientId: call.patient_id };
      return auditedChange(store, ctx, async (trx) => ({ consent: await setConsent(trx.knex, call, consent) }));
    },
    'calls.uploadRecording': async ({ callId, mimeType, data }, ctx) => {
      const call = await ownCall(knex, callId, ctx.user.id);
      const bytes = await saveRecording(knex, config.recordingsDir, call, mimeType, data);
      ctx.audit.patientId = call.patient_id;
      // Retention is enforced as recordings arrive, so no separate scheduler is needed.
      await purgeRecordings(knex, clock, config.recordingsDir, retentionDays());
      return { bytes };
    },
    // Played as listed: a nurse her own calls, a head her departments' patients', an admin any.
    'calls.recordingData': async ({ callId }, ctx) => {
      const call = await getCall(knex, callId);
      await assertCallVisible(knex, ctx.user, callId);
      const rec = await readRecording(config.recordingsDir, call);
      ctx.audit.patientId = call.patient_id;
      return { mimeType: rec.mimeType, data: new Uint8Array(await fs.promises.readFile(rec.file)) };
    },
    'calls.lookupCaller': async ({ number }, ctx) => {
      const all = await lookupCaller(knex, number, beijingDate(clock.now()));
      // A head is shown the callers among her departments' patients only.
      const scope = await patientScopeOf(knex, ctx.user);
      const seen = scope.all
        ? null
        : new Set(
            (
              await inScopePatients(
                knex,
                scope,
                'p.id',
              )(
                knex('patients as p').whereIn(
                  'p.id',
                  all.map((m) => m.patientId),
                ),
              ).pluck('p.id')
            ).map(Number),
          );
      const matches = seen ? all.filter((m) => seen.has(m.patientId)) : all;
      ctx.audit.patientId = matches.length === 1 ? matches[0].patientId : null;
      return matches;
    },
    'calls.list': async (input, ctx) => {
      return listCalls(knex, input, await callsInScope(knex, ctx.user), ctx.user.role);
    },
    'calls.purgeRecordings': async (input) => {
      const days = input?.olderThanDays ?? retentionDays();
      return { purged: await purgeRecordings(knex, clock, config.recordingsDir, days), olderThanDays: days };
    },
  };
};
