import { describe, expect, it } from 'vitest';
import { loadPlanTemplates } from '../../src/main/plans/templates';
import { shippedLibrary } from '../../src/main/questionnaires/questionnaire-library';
import { expandTrack, pointDates } from '../../src/shared/plans/schedule';
import { planDefinitionSchema } from '../../src/shared/plans/schema';

const templates = loadPlanTemplates();
const byCode = new Map(templates.map((t) => [t.definition.code, t.definition]));

describe('shipped plan templates', () => {
  it('ships the plans the issue asks for, each named after its code', () => {
    expect([...byCode.keys()].sort()).toEqual([
      'breast-cancer',
      'checkup-high-risk',
      'checkup-risk-assessment',
      'checkup-risk-high',
      'checkup-risk-medium',
      'colorectal-cancer',
      'diabetes',
      'general-post-discharge',
      'hypertension',
      'lung-cancer',
    ]);
    for (const t of templates) expect(t.file).toBe(`${t.definition.code}.json`);
  });

  it('points only at installed questionnaires', () => {
    const lib = shippedLibrary();
    for (const { definition } of templates)
      for (const tr of definition.tracks)
        for (const p of expandTrack(tr))
          if (p.questionnaire)
            expect(lib.get(p.questionnaire.id, p.questionnaire.version), `${definition.code}/${tr.id}: ${p.questionnaire.id}`).not.toBeNull();
  });

  it('encodes the surveillance schedules (domain.md §4)', () => {
    const months = (code: string, track: string) => expandTrack(byCode.get(code)!.tracks.find((t) => t.id === track)!).map((p) => p.at.months);
    expect(months('colorectal-cancer', 'surveillance')).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 30, 36, 42, 48, 54, 60]);
    expect(months('breast-cancer', 'surveillance').slice(0, 14)).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36, 42, 48]);
    expect(months('breast-cancer', 'surveillance')).toContain(72);
    expect(months('lung-cancer', 'surveillance').slice(0, 8)).toEqual([6, 12, 18, 24, 30, 36, 48, 60]);
    const hyp = byCode.get('hypertension')!;
    const sms = expandTrack(hyp.tracks.find((t) => t.id === 'sms')!);
    expect(sms.slice(0, 4).map((p) => [p.at.months, p.channel])).toEqual([
      [1, 'sms'],
      [2, 'sms'],
      [4, 'sms'],
      [5, 'sms'],
    ]);
    expect(
      expandTrack(hyp.tracks.find((t) => t.id === 'call')!)
        .slice(0, 2)
        .map((p) => [p.at.months, p.channel]),
    ).toEqual([
      [3, 'call'],
      [6, 'call'],
    ]);
    const post = expandTrack(byCode.get('general-post-discharge')!.tracks[0]);
    expect(post.map((p) => pointDates('2027-01-31', p).due)).toEqual(['2027-02-07', '2027-03-02']);
  });

  it('round-trips through export and import unchanged', () => {
    for (const { definition } of templates) expect(planDefinitionSchema.parse(JSON.parse(JSON.stringify(definition)))).toEqual(definition);
  });

  it('explains a broken plan file', () => {
    const r = planDefinitionSchema.safeParse({ kind: 'plan', code: 'X Y', name: '', enrolment: { rules: [] }, tracks: [] });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['code', 'name', 'enrolment.rules', 'tracks']));
  });
});
