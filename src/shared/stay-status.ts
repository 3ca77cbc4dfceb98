// Canonical states of an inpatient stay (encounters.status where kind = 'inpatient'). Profiles
// map vendor codes onto these (B-soft CYPB 0 在院 → in_hospital, 1/2 通知/预结出院 →
// discharge_notified, 8/9 → discharged, 99 注销出院 → cancelled).
export const STAY_STATES = ['admitted', 'in_hospital', 'discharge_notified', 'discharged', 'cancelled'] as const;
export type StayState = (typeof STAY_STATES)[number];

/**
 * The one state that counts as a discharge: the finder's inpatient search, plan enrolment and the
 * reports' discharge anchors all read it from here. Every other state is a stay still under way
 * (or one that never happened).
 */
export const DISCHARGED: StayState = 'discharged';

export const isStayState = (s: string | null | undefined): s is StayState => (STAY_STATES as readonly string[]).includes(s ?? '');

/** The stay is a discharge (a patient to call after it), not one still in hospital or cancelled. */
export const isDischarged = (status: string | null | undefined): boolean => status === DISCHARGED;

/** The patient is in hospital now: admitted, and the discharge has not happened yet. */
export const isCurrentStay = (status: string | null | undefined): boolean =>
  status === 'admitted' || status === 'in_hospital' || status === 'discharge_notified';
