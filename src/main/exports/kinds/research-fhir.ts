import { randomUUID } from 'node:crypto';
import { toFhirQuestionnaireResponse } from '../../../shared/questionnaire/fhir';
import type { QuestionnaireResponse } from '../../../shared/questionnaire/fhir/types';
import type { QuestionnaireDef } from '../../../shared/questionnaire/schema';
import { throwIfAborted } from '../../jobs/job-runner';
import { writeAtomically, writeChunk } from '../atomic-file';
import { shiftBack } from '../deidentify';
import type { WriteOptions } from '../table-types';
import type { Deidentified, ResponseRow } from './research-columns';

// The research export as an R4 Bundle (type collection) of QuestionnaireResponses, streamed one
// entry at a time. De-identified entries get random ids, the patient's pseudonym as subject,
// free-text answers removed and dates shifted like the spreadsheet's.

interface FhirSource {
  rawPage(after: number | null): Promise<{ rows: ResponseRow[]; next: number | null }>;
  defOf(version: number): QuestionnaireDef;
  deidOf(patientId: number): Deidentified | null;
  generatedAt: Date;
}

function deidentified(qr: QuestionnaireResponse, def: QuestionnaireDef, deid: Deidentified): QuestionnaireResponse {
  const text = new Set(def.items.filter((i) => i.type === 'text').map((i) => i.id));
  const shift = (s: string) => shiftBack(s, deid.shiftDays);
  const item = qr.item
    ?.filter((i) => !text.has(i.linkId))
    .map((i) => ({ ...i, answer: i.answer?.map((a) => (a.valueDate ? { valueDate: shift(a.valueDate) } : a)) }));
  return { ...qr, authored: qr.authored ? shift(qr.authored) : qr.authored, ...(item?.length ? { item } : { item: undefined }) };
}

function entry(r: ResponseRow, src: FhirSource): QuestionnaireResponse | null {
  const def = src.defOf(Number(r.questionnaire_version));
  const deid = src.deidOf(Number(r.patient_id));
  try {
    const qr = toFhirQuestionnaireResponse(def, JSON.parse(r.answers), {
      authored: r.completed_at,
      id: deid ? randomUUID() : `response-${r.id}`,
      subject: { reference: `Patient/${deid ? deid.pseudonym : r.patient_id}` },
    });
    return deid ? deidentified(qr, def, deid) : qr;
  } catch {
    // Answers that no longer fit their definition cannot be a valid resource; the xlsx keeps them.
    return null;
  }
}

export function writeFhirBundle(file: string, src: FhirSource, opts: WriteOptions & { signal: AbortSignal }): Promise<{ rows: number }> {
  return writeAtomically(file, async (out) => {
    const head = { resourceType: 'Bundle', type: 'collection', timestamp: src.generatedAt.toISOString() };
    await writeChunk(out, `${JSON.stringify(head).slice(0, -1)},"entry":[\n`);
    let rows = 0;
    let after: number | null = null;
    for (;;) {
      throwIfAborted(opts.signal);
      const { rows: page, next } = await src.rawPage(after);
      let text = '';
      for (const r of page) {
        const qr = entry(r, src);
        if (!qr) continue;
        text += `${rows ? ',\n' : ''}${JSON.stringify({ fullUrl: `urn:uuid:${randomUUID()}`, resource: qr })}`;
        rows += 1;
      }
      await writeChunk(out, text);
      opts.onRows?.(rows);
      if (next === null) break;
      after = next;
    }
    await writeChunk(out, '\n]}\n');
    return { rows };
  });
}
