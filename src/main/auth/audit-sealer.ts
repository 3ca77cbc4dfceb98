import type { Knex } from 'knex';
import { describeError } from '../api/dispatcher';
import type { Clock } from '../util/clock';
import { sealAudit, SealerBusy } from './audit-chain';

// Seals audit rows in the background, a moment after they are written: at most one pass per
// `delayMs` per process, the passes of all workstations taking turns in the database
// (audit-chain.ts). One sealer per store, found by audit() through the knex config a transaction
// shares with its store. A pass at start-up seals what was written while no sealer ran (a CLI
// command, a crash) over the whole log.

const sealers = new WeakMap<object, AuditSealer>();

export class AuditSealer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private again = false;
  /** The start-up sweep found another workstation sealing: the next pass sweeps instead. */
  private sweepPending = false;
  private closed = false;

  constructor(
    private readonly knex: Knex,
    private readonly clock: Clock,
    private readonly log: (msg: string) => void = () => {},
    private readonly delayMs = 1000,
  ) {}

  /** Registers for the store's audit() calls and seals the whole log once, in the background. */
  start(): this {
    sealers.set(this.knex.client.config, this);
    this.run(true);
    return this;
  }

  /** A row was written (or is about to be committed): seal it within `delayMs`. */
  nudge(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.run(this.sweepPending);
    }, this.delayMs);
    this.timer.unref();
  }

  /** Waits for the pass under way, seals what is still pending, and stops. */
  async close(): Promise<void> {
    const pending = this.timer !== null || this.again;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    if (pending) await this.pass(false, true);
    if (sealers.get(this.knex.client.config) === this) sealers.delete(this.knex.client.config);
  }

  private run(sweep: boolean): void {
    this.sweepPending = false;
    this.running = this.pass(sweep).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.nudge();
      }
    });
  }

  private async pass(sweep: boolean, wait = false): Promise<void> {
    try {
      // Twenty workstations each sealing every second (or all starting together) would queue on
      // the lock, holding a connection each: a pass that finds another sealing leaves the work
      // to it and looks again. Only close() waits its turn, to leave nothing unsealed.
      await sealAudit(this.knex, this.clock, { sweep, wait });
    } catch (err) {
      if (err instanceof SealerBusy) {
        this.again = true;
        this.sweepPending ||= sweep;
        return;
      }
      // The rows stay unsealed until the next pass; verify counts them meanwhile.
      if (!this.closed || !/destroyed|pool/i.test(String((err as Error).message))) this.log(`audit sealing failed: ${describeError(err)}`);
    }
  }
}

/** Called by audit(): wakes the store's sealer, after the transaction commits when inside one. */
export function nudgeSealer(knex: Knex): void {
  const sealer = sealers.get(knex.client.config);
  if (!sealer) return;
  const trx = knex as Knex.Transaction;
  if (trx.isTransaction && trx.executionPromise)
    void trx.executionPromise.then(
      () => sealer.nudge(),
      () => {},
    );
  else sealer.nudge();
}
