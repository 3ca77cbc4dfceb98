// FHIR R4 export of questionnaire definitions and answer sets, and a structural checker.
export { toFhirQuestionnaire, type FhirExportOptions } from './questionnaire';
export { toFhirQuestionnaireResponse, fhirDateTime, type ResponseMeta } from './response';
export { checkFhirQuestionnaire } from './check';
export { checkFhirQuestionnaireResponse } from './check-response';
export { DEFAULT_FHIR_BASE, questionnaireUrl, questionnaireCanonical } from './urls';
export type * from './types';
