import type { Knex } from 'knex';
import type { User } from '../../../shared/model';
import type { DiagnosisSynonyms } from '../../diagnoses/diagnosis-synonyms';
import type { QuestionnaireLibrary } from '../../questionnaires/questionnaire-library';
import type { Clock } from '../../util/clock';
import type { ExportFormat } from '../repo';
import type { RowSource, WriteOptions } from '../table-types';

export interface KindContext {
  knex: Knex;
  clock: Clock;
  user: User;
  format: ExportFormat;
  library: QuestionnaireLibrary;
  /** The data folder's diagnosis keywords, so an export finds what the screen found. */
  synonyms?: DiagnosisSynonyms;
}

/** An export checked and described before it starts; the rows are read once it runs. */
export interface PreparedExport {
  title: string;
  /** The download's name without extension, e.g. 随访统计_2026-11. */
  fileStem: string;
  /** As shown on the summary sheet and kept in the audit log. */
  filters: Record<string, unknown>;
  source(signal: AbortSignal): Promise<RowSource>;
  /** Formats other than xlsx/csv (research: the FHIR bundle) write their own file. */
  writeOther?(file: string, opts: WriteOptions & { signal: AbortSignal }): Promise<{ rows: number }>;
}

export type PrepareKind = (ctx: KindContext, params: Record<string, unknown>) => Promise<PreparedExport>;
