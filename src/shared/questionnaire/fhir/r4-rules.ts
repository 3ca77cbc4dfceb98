// Element lists, value sets and primitive formats from the FHIR R4 specification
// (https://hl7.org/fhir/R4/questionnaire.html, questionnaireresponse.html, datatypes.html),
// for the structural checks in check.ts.

export const RE = {
  code: /^[^\s]+( [^\s]+)*$/,
  id: /^[A-Za-z0-9\-.]{1,64}$/,
  uri: /^\S*$/,
  date: /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?$/,
  dateTime: /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$/,
  time: /^([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?$/,
  /** cnl-0 (warning in R4): Name should be usable as an identifier for the module by machine processing applications such as code generation. */
  name: /^[A-Z]([A-Za-z0-9_]){0,254}$/,
};

export const VALUESETS = {
  publicationStatus: ['draft', 'active', 'retired', 'unknown'],
  itemType: ['group', 'display', 'boolean', 'decimal', 'integer', 'date', 'dateTime', 'time', 'string', 'text', 'url', 'choice', 'open-choice', 'attachment', 'reference', 'quantity'],
  enableWhenOperator: ['exists', '=', '!=', '>', '<', '>=', '<='],
  enableWhenBehavior: ['all', 'any'],
  responseStatus: ['in-progress', 'completed', 'amended', 'entered-in-error', 'stopped'],
};

const DOMAIN = ['id', 'meta', 'implicitRules', 'language', 'text', 'contained', 'extension', 'modifierExtension'];
const BACKBONE = ['id', 'extension', 'modifierExtension'];

/** Allowed elements; `value[x]`-style choices are listed with their allowed types. */
export const ELEMENTS = {
  Questionnaire: [...DOMAIN, 'resourceType', 'url', 'identifier', 'version', 'name', 'title', 'derivedFrom', 'status', 'experimental', 'subjectType', 'date', 'publisher', 'contact', 'description', 'useContext', 'jurisdiction', 'purpose', 'copyright', 'approvalDate', 'lastReviewDate', 'effectivePeriod', 'code', 'item'],
  item: [...BACKBONE, 'linkId', 'definition', 'code', 'prefix', 'text', 'type', 'enableWhen', 'enableBehavior', 'required', 'repeats', 'readOnly', 'maxLength', 'answerValueSet', 'answerOption', 'initial', 'item'],
  enableWhen: [...BACKBONE, 'question', 'operator'],
  answerOption: [...BACKBONE, 'initialSelected'],
  QuestionnaireResponse: [...DOMAIN, 'resourceType', 'identifier', 'basedOn', 'partOf', 'questionnaire', 'status', 'subject', 'encounter', 'authored', 'author', 'source', 'item'],
  responseItem: [...BACKBONE, 'linkId', 'definition', 'text', 'answer', 'item'],
  responseAnswer: [...BACKBONE, 'item'],
  Coding: ['id', 'extension', 'system', 'version', 'code', 'display', 'userSelected'],
  Extension: ['id', 'extension', 'url'],
};

export const CHOICES = {
  enableWhenAnswer: { prefix: 'answer', types: ['Boolean', 'Decimal', 'Integer', 'Date', 'DateTime', 'Time', 'String', 'Coding', 'Quantity', 'Reference'], min: 1 },
  answerOptionValue: { prefix: 'value', types: ['Integer', 'Date', 'Time', 'String', 'Coding'], min: 1 },
  responseAnswerValue: { prefix: 'value', types: ['Boolean', 'Decimal', 'Integer', 'Date', 'DateTime', 'Time', 'String', 'Uri', 'Attachment', 'Coding', 'Quantity', 'Reference'], min: 0 },
  extensionValue: {
    prefix: 'value',
    types: ['Base64Binary', 'Boolean', 'Canonical', 'Code', 'Date', 'DateTime', 'Decimal', 'Id', 'Instant', 'Integer', 'Markdown', 'Oid', 'PositiveInt', 'String', 'Time', 'UnsignedInt', 'Uri', 'Url', 'Uuid', 'Address', 'Age', 'Annotation', 'Attachment', 'CodeableConcept', 'Coding', 'ContactPoint', 'Count', 'Distance', 'Duration', 'HumanName', 'Identifier', 'Money', 'Period', 'Quantity', 'Range', 'Ratio', 'Reference', 'SampledData', 'Signature', 'Timing', 'ContactDetail', 'Contributor', 'DataRequirement', 'Expression', 'ParameterDefinition', 'RelatedArtifact', 'TriggerDefinition', 'UsageContext', 'Dosage', 'Meta'],
    min: 0,
  },
};

/** Which answer type goes with which question type (enableWhen.answer[x], response answers). */
export const ANSWER_TYPE: Record<string, string[]> = {
  boolean: ['Boolean'], decimal: ['Decimal'], integer: ['Integer'], date: ['Date'], dateTime: ['DateTime'], time: ['Time'],
  string: ['String'], text: ['String'], url: ['Uri'], choice: ['Coding', 'String', 'Integer', 'Date', 'Time'],
  'open-choice': ['Coding', 'String'], attachment: ['Attachment'], reference: ['Reference'], quantity: ['Quantity'],
};

/** que-10: maxLength only on simple question types. */
export const MAXLENGTH_TYPES = ['boolean', 'decimal', 'integer', 'string', 'text', 'url', 'open-choice'];
