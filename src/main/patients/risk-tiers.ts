import type { Knex } from 'knex';
import type { TimelineRiskTier } from '../../shared/model';

/** A patient's checkup risk tiers by checkup (encounter id). */
export async function riskTiersOf(knex: Knex, patientId: number): Promise<Map<number, TimelineRiskTier[]>> {
  const rows = await knex('risk_assessments').where({ patient_id: patientId }).orderBy('id');
  const out = new Map<number, TimelineRiskTier[]>();
  for (const r of rows) {
    const list = out.get(Number(r.encounter_id)) ?? [];
    list.push({ tier: r.tier, label: r.tier_label, labelEn: r.tier_label_en ?? null, reasons: JSON.parse(r.reasons), assessedAt: r.assessed_at });
    out.set(Number(r.encounter_id), list);
  }
  return out;
}
