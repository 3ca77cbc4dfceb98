import type { Tables } from '../main/questionnaires/sheets/layout';

/** One kind of template (questionnaire, plan, …) that `followup template` imports and exports. */
export interface TemplateKind {
  kind: string;
  /** Output formats of `export`, the first being the default. */
  formats: string[];
  detectJson(json: unknown): boolean;
  detectSheets?(tables: Tables): boolean;
  /** Validate and convert; throws an Error whose message lists every problem. */
  importJson(json: unknown, source: string): { document: unknown; summary: string };
  importSheets?(tables: Tables, source: string): { document: unknown; summary: string };
  /** A shipped template by id. */
  find(id: string): unknown | undefined;
  exportAs(template: unknown, format: string, opts: { baseUrl?: string }): string | Buffer;
}
