// Why a patient's ID number (公民身份号码) cannot be trusted. The patient is always kept: a bad
// number must never cost a follow-up. The sync stores the problem on the patient
// (patients.id_number_problem) and lists it in the rejected list under 'id_numbers'.
export const ID_NUMBER_PROBLEMS = ['missing', 'length', 'characters', 'birth_date', 'check_digit', 'legacy_15'] as const;
export type IdNumberProblem = (typeof ID_NUMBER_PROBLEMS)[number];

/** The reason the rejected list files each problem under (translated by the sync screen). */
export const ID_NUMBER_REASONS: Record<IdNumberProblem, string> = {
  missing: 'ID number missing',
  length: 'ID number wrong length',
  characters: 'ID number bad characters',
  birth_date: 'ID number bad birth date',
  check_digit: 'ID number wrong check digit',
  legacy_15: 'ID number legacy 15-digit',
};
