// The parts of FHIR R4 Questionnaire / QuestionnaireResponse this module writes.
// (Field names and cardinalities from https://hl7.org/fhir/R4/questionnaire.html.)

export interface Extension {
  url: string;
  [value: `value${string}`]: unknown;
  extension?: Extension[];
}
export interface Element {
  extension?: Extension[];
}
export interface Coding {
  system?: string;
  version?: string;
  code?: string;
  display?: string;
}
export interface Reference {
  reference?: string;
  type?: string;
  identifier?: { system?: string; value?: string };
  display?: string;
}

export type QuestionnaireItemType =
  | 'group'
  | 'display'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'date'
  | 'dateTime'
  | 'time'
  | 'string'
  | 'text'
  | 'url'
  | 'choice'
  | 'open-choice'
  | 'attachment'
  | 'reference'
  | 'quantity';
export type EnableWhenOperator = 'exists' | '=' | '!=' | '>' | '<' | '>=' | '<=';

export interface QuestionnaireEnableWhen {
  question: string;
  operator: EnableWhenOperator;
  answerBoolean?: boolean;
  answerDecimal?: number;
  answerInteger?: number;
  answerDate?: string;
  answerString?: string;
  answerCoding?: Coding;
}

export interface QuestionnaireAnswerOption {
  extension?: Extension[];
  valueCoding?: Coding;
  valueInteger?: number;
  valueString?: string;
  valueDate?: string;
}

export interface QuestionnaireItem {
  extension?: Extension[];
  linkId: string;
  code?: Coding[];
  text?: string;
  _text?: Element;
  type: QuestionnaireItemType;
  enableWhen?: QuestionnaireEnableWhen[];
  enableBehavior?: 'all' | 'any';
  required?: boolean;
  repeats?: boolean;
  readOnly?: boolean;
  maxLength?: number;
  answerOption?: QuestionnaireAnswerOption[];
  item?: QuestionnaireItem[];
}

export interface Questionnaire {
  resourceType: 'Questionnaire';
  id?: string;
  language?: string;
  url?: string;
  version?: string;
  name?: string;
  title?: string;
  _title?: Element;
  status: 'draft' | 'active' | 'retired' | 'unknown';
  subjectType?: 'Patient'[];
  description?: string;
  _description?: Element;
  code?: Coding[];
  item?: QuestionnaireItem[];
}

export interface QuestionnaireResponseAnswer {
  valueBoolean?: boolean;
  valueDecimal?: number;
  valueInteger?: number;
  valueDate?: string;
  valueString?: string;
  valueCoding?: Coding;
  item?: QuestionnaireResponseItem[];
}

export interface QuestionnaireResponseItem {
  linkId: string;
  text?: string;
  answer?: QuestionnaireResponseAnswer[];
  item?: QuestionnaireResponseItem[];
}

export type QuestionnaireResponseStatus = 'in-progress' | 'completed' | 'amended' | 'entered-in-error' | 'stopped';

export interface QuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  id?: string;
  language?: string;
  questionnaire?: string;
  status: QuestionnaireResponseStatus;
  subject?: Reference;
  encounter?: Reference;
  authored?: string;
  author?: Reference;
  source?: Reference;
  item?: QuestionnaireResponseItem[];
}
