import { beijingInstant } from '../../src/shared/beijing-time';
import { CLOCK_OFFSET_ENV } from '../../src/main/util/clock';

/**
 * The Beijing time at which the browser suites' workstations start. Their demo HIS, enrolments
 * and queues are generated from it, so what the tests find is the same on any real date (and
 * under scripts/test-on-date.sh, whose offset this replaces for the processes they start). The
 * SIP suite's 80-patient demo HIS has recent discharges the general plan enrols on this date.
 */
export const PINNED_NOW = '2026-12-01 10:00:00';
/** The demo HIS ends the day before: the first sync reads rows modified before "now". */
export const PINNED_DEMO_END_DATE = '2026-11-30';

/** Every process started after this call (serve, the CLI) runs its clock from PINNED_NOW on. */
export function pinChildClocks(beijing = PINNED_NOW): void {
  process.env[CLOCK_OFFSET_ENV] = String(beijingInstant(beijing).getTime() - Date.now());
}
