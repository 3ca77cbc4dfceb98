import type { CallOutcome } from '../../../shared/contract/calls';
import type { SoftphoneApi } from './deps';
import { endReport, type CallState } from './state';

// What main keeps of each call (the calls row, its answer, consent, patient, end, recording and
// confirmed outcome), sent in the order it happened, and every failure to keep it reported, so
// the nurse is told: a call missing from the log is one she must record by hand.
//
// Each report waits for the call's row and the reports before it; the outcome waits for the end
// (main's end pre-fills the outcome, which must not overwrite hers). Main judges a recording by
// the consent it holds, and a withdrawal by whether the call was answered.

/** What could not be saved; the nurse's message is softphone.failure.<step>. */
export type ReportStep = 'start' | 'answered' | 'consent' | 'link' | 'end' | 'recording' | 'outcome' | 'missed';

export interface ReportFailure {
  step: ReportStep;
  error: unknown;
  /** The caller's number, for a busy caller that could not be kept as a missed call. */
  number?: string;
}

export interface ReporterHooks {
  api: SoftphoneApi;
  uploadRecording(callId: number, blob: Blob): Promise<unknown>;
  /** Main stored the call: its row id. */
  stored(uid: string, callId: number): void;
  failed(failure: ReportFailure): void;
}

export type OutcomeSaved = { callId: number } | 'no-row' | 'failed';

export class CallReporter {
  /** Per call: its row id once stored and every report so far sent (null: it could not be stored). */
  private readonly rows = new Map<string, Promise<number | null>>();

  constructor(private readonly h: ReporterHooks) {}

  /** A new call, dialled or ringing: its calls row. */
  start(call: CallState): void {
    const { uid, direction, number, patientId, taskId, consent } = call;
    const row = this.h.api.call('calls.start', { direction, number, patientId, taskId, consent }).then(
      ({ callId }) => {
        this.h.stored(uid, callId);
        return callId;
      },
      (error: unknown) => {
        this.h.failed({ step: 'start', error });
        return null;
      },
    );
    this.rows.set(uid, row);
  }

  answered(uid: string): void {
    this.inOrder(uid, 'answered', (callId) => this.h.api.call('calls.answered', { callId }));
  }

  consent(uid: string, consent: boolean): void {
    this.inOrder(uid, 'consent', (callId) => this.h.api.call('calls.setConsent', { callId, consent }));
  }

  /** The patient (and task) the call is about; a field left out keeps what main has. */
  link(uid: string, link: { patientId: number | null; taskId?: number | null }): void {
    this.inOrder(uid, 'link', (callId) => this.h.api.call('calls.link', { callId, ...link }));
  }

  /**
   * The call ended: its end, then its recording (`blob`, if anything was recorded). Resolves with
   * the row id and what became of the recording, null when there was none.
   */
  async ended(call: CallState, blob: Blob | null): Promise<{ callId: number | null; recording: 'saved' | 'failed' | null }> {
    const report = endReport(call);
    if (report) this.inOrder(call.uid, 'end', (callId) => this.h.api.call('calls.end', { callId, ...report }));
    const callId = (await this.rows.get(call.uid)) ?? null;
    const recorded = !!blob && blob.size > 0;
    // Without a row the recording has nowhere to go; the nurse was told the call was not saved.
    if (!recorded || !callId) return { callId, recording: recorded ? 'failed' : null };
    try {
      await this.h.uploadRecording(callId, blob);
      return { callId, recording: 'saved' };
    } catch (error) {
      this.h.failed({ step: 'recording', error });
      return { callId, recording: 'failed' };
    }
  }

  /** The outcome the nurse confirmed. `callId`: the row the call state knows, for a call this reporter did not start. */
  async outcome(uid: string, callId: number | null, outcome: CallOutcome): Promise<OutcomeSaved> {
    const id = (await this.rows.get(uid)) ?? callId;
    if (!id) return 'no-row';
    try {
      await this.h.api.call('calls.setOutcome', { callId: id, outcome });
      return { callId: id };
    } catch (error) {
      this.h.failed({ step: 'outcome', error });
      return 'failed';
    }
  }

  /** A second caller turned away while busy: kept as a missed call to return. */
  async missed(caller: string): Promise<void> {
    const number = caller || 'anonymous';
    try {
      const { callId } = await this.h.api.call('calls.start', { direction: 'inbound', number });
      await this.h.api.call('calls.end', { callId, endedBy: 'system', sipCode: 486, reason: 'busy_here' });
    } catch (error) {
      this.h.failed({ step: 'missed', error, number });
    }
  }

  private inOrder(uid: string, step: ReportStep, report: (callId: number) => Promise<unknown>): void {
    const row = this.rows.get(uid);
    if (!row) return;
    this.rows.set(
      uid,
      row.then(async (callId) => {
        if (callId) await report(callId).catch((error: unknown) => this.h.failed({ step, error }));
        return callId;
      }),
    );
  }
}
