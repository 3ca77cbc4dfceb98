import type { QuestionnaireDef } from '../schema';

// Canonical URLs. The default base uses the reserved .invalid domain (RFC 2606) so nobody
// mistakes it for a real server; a hospital passes its own base when exporting.
export const DEFAULT_FHIR_BASE = 'https://followup.invalid/fhir';

export const EXT = {
  translation: 'http://hl7.org/fhir/StructureDefinition/translation',
  ordinalValue: 'http://hl7.org/fhir/StructureDefinition/ordinalValue',
  itemWeight: 'http://hl7.org/fhir/StructureDefinition/itemWeight',
  optionExclusive: 'http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive',
  minValue: 'http://hl7.org/fhir/StructureDefinition/minValue',
  maxValue: 'http://hl7.org/fhir/StructureDefinition/maxValue',
  unit: 'http://hl7.org/fhir/StructureDefinition/questionnaire-unit',
  itemControl: 'http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl',
  variable: 'http://hl7.org/fhir/StructureDefinition/variable',
  calculatedExpression: 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression',
  enableWhenExpression: 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression',
} as const;

const trimBase = (base: string) => base.replace(/\/+$/, '');
export const questionnaireUrl = (def: QuestionnaireDef, base = DEFAULT_FHIR_BASE) => `${trimBase(base)}/Questionnaire/${def.id}`;
/** Canonical reference with version, as QuestionnaireResponse.questionnaire wants it. */
export const questionnaireCanonical = (def: QuestionnaireDef, base = DEFAULT_FHIR_BASE) => `${questionnaireUrl(def, base)}|${def.version}`;
/** One code system per choice item: option values are only unique within their item. */
export const optionSystem = (def: QuestionnaireDef, itemId: string, base = DEFAULT_FHIR_BASE) => `${trimBase(base)}/CodeSystem/${def.id}/${itemId}`;

/** FHIR `name`: computer-friendly, [A-Z]([A-Za-z0-9_]){0,254} (constraint cnl-0). */
export const fhirName = (id: string) =>
  id
    .split('-')
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('')
    .replace(/^[^A-Z]/, (c) => `Q${c}`);

const UCUM: Record<string, string> = {
  mmHg: 'mm[Hg]',
  'mmol/L': 'mmol/L',
  '%': '%',
  kg: 'kg',
  cm: 'cm',
  '次/分': '/min',
  bpm: '/min',
  '℃': 'Cel',
  '°C': 'Cel',
};
export const ucumOf = (unit: string): string | undefined => UCUM[unit];

export const translation = (en: string) => ({
  extension: [
    {
      url: EXT.translation,
      extension: [
        { url: 'lang', valueCode: 'en' },
        { url: 'content', valueString: en },
      ],
    },
  ],
});
