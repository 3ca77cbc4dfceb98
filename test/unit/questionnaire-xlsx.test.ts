import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { score, visibleItems } from '../../src/shared/questionnaire';
import { importQuestionnaireTables } from '../../src/main/questionnaires/sheets/import';
import type { Tables } from '../../src/main/questionnaires/sheets/layout';
import { importQuestionnaireXlsx, questionnaireToXlsx, readWorkbookTables, tablesToXlsx } from '../../src/main/questionnaires/xlsx-import';
import { exampleTables } from '../helpers/questionnaire-sheets';
import { template } from '../helpers/questionnaires';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'q-xlsx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function writeXlsx(name: string, tables: Tables): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, tablesToXlsx(tables));
  return file;
}

describe('spreadsheet import', () => {
  it('imports the documented example workbook', () => {
    const file = writeXlsx('example.xlsx', exampleTables());
    if (process.env.FOLLOWUP_WRITE_EXAMPLES) fs.copyFileSync(file, path.resolve(__dirname, '../../docs/questionnaire-example.xlsx'));
    const r = importQuestionnaireXlsx(file);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const d = r.def;
    expect(d).toMatchObject({ id: 'copd-followup', version: 1, title: '慢阻肺出院随访（示例）' });
    expect(d.items.map((i) => `${i.id}:${i.type}:${i.required}`)).toEqual([
      'intro:display:false',
      'breathless:single:true',
      'mmrc:single:true',
      'spo2:integer:false',
      'exacerbation:single:true',
      'exacerbation_date:date:true',
      'symptoms:multiple:true',
      'sputum_colour:text:false',
      'inhaler:single:true',
    ]);
    expect(d.items[2].options!.map((o) => [o.value, o.score])).toEqual([
      ['0', 0],
      ['1', 1],
      ['2', 2],
      ['3', 3],
      ['4', 4],
    ]);
    expect(d.items[6].options![0]).toMatchObject({ value: 'none', exclusive: true });
    expect(d.items[7].showIf).toEqual({
      all: [
        { item: 'symptoms', op: 'eq', value: 'sputum' },
        { item: 'mmrc', op: 'gte', value: 2 },
      ],
    });
    expect(d.scores[1]).toMatchObject({
      max: ['mmrc'],
      map: [
        { min: 0, max: 1, value: 0 },
        { min: 2, max: 4, value: 1 },
      ],
    });
    expect(d.triggers[1]).toMatchObject({
      color: 'orange',
      escalate: true,
      when: {
        any: [
          { item: 'exacerbation', op: 'eq', value: 'yes' },
          { score: 'breath_score', op: 'gte', value: 4 },
        ],
      },
    });

    const answers = { breathless: 'worse', mmrc: '3', spo2: 88, exacerbation: 'no', symptoms: ['sputum'], sputum_colour: '黄', inhaler: 'yes' };
    expect(visibleItems(d, answers).map((i) => i.id)).toContain('sputum_colour');
    const out = score(d, answers);
    expect(out.scores.map((s) => [s.id, s.value, s.band?.color])).toEqual([
      ['breath_score', 5, 'red'],
      ['mmrc_level', 1, 'yellow'],
    ]);
    expect(out.triggers.map((t) => t.id)).toEqual(['low_spo2', 'exacerbation']);
  });

  it.each([
    'phq9',
    'gad7',
    'nrs-pain',
    'ecog',
    'ctcae-chemo',
    'discharge-satisfaction',
    'post-discharge-recovery',
    'hypertension-control',
    'diabetes-control',
    'postop-wound',
  ])('round-trips %s through an xlsx file', (id) => {
    const d = template(id);
    const r = importQuestionnaireTables(readWorkbookTables(questionnaireToXlsx(d)));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    // Provenance (meta, LOINC codes, $schema) has no column in the layout.
    const strip = ({ $schema, meta, code, ...rest }: typeof d) => ({ ...rest, scores: rest.scores.map(({ code: _c, ...s }) => s) });
    expect(strip(r.def)).toEqual(strip(d));
  });
});

describe('spreadsheet errors name sheet, row and column', () => {
  /** The example with one change, imported through a real xlsx file. */
  function errorsOf(change: (t: Tables) => void): string[] {
    const t = exampleTables();
    change(t);
    const r = importQuestionnaireXlsx(writeXlsx('bad.xlsx', t));
    return r.ok ? [] : r.errors;
  }
  const itemRow = (t: Tables, id: string) => t.items.find((r) => r[0] === id)!;

  it.each<[string, (t: Tables) => void, string]>([
    [
      'a misspelt type',
      (t) => {
        itemRow(t, 'symptoms')[1] = 'singel';
      },
      'items!B8: unknown type "singel" (expected single, multiple, integer, decimal, text, date, display)',
    ],
    [
      'a missing sheet',
      (t) => {
        delete (t as Record<string, unknown>).items;
      },
      'workbook: missing sheet "items"',
    ],
    [
      'a missing column',
      (t) => {
        t.items = t.items.map((r) => r.filter((_, i) => i !== 3));
      },
      'items!1: missing column "text_en"',
    ],
    [
      'an unknown column',
      (t) => {
        t.items[0][10] = 'requried';
      },
      'items!K1: unknown column "requried"',
    ],
    [
      'a column twice',
      (t) => {
        t.items[0][10] = '必答';
      },
      'items!K1: column "必答" appears twice',
    ],
    [
      'a word where a number goes',
      (t) => {
        itemRow(t, 'spo2')[7] = 'seventy';
      },
      'items!H5: min must be a number, got "seventy"',
    ],
    [
      'an unclear yes/no',
      (t) => {
        itemRow(t, 'spo2')[4] = 'maybe';
      },
      'items!E5: required must be yes/no (是/否), got "maybe"',
    ],
    [
      'an unknown choice list',
      (t) => {
        itemRow(t, 'breathless')[5] = 'chnage';
      },
      'items!F3: unknown choice list "chnage"',
    ],
    [
      'a broken show_if',
      (t) => {
        itemRow(t, 'exacerbation_date')[6] = "exacerbation = 'yes";
      },
      'items!G7: show_if: unterminated string starting at 16 in "exacerbation = \'yes"',
    ],
    [
      'a show_if on an unknown item',
      (t) => {
        itemRow(t, 'exacerbation_date')[6] = "exacerbaton = 'yes'";
      },
      'items!G7: item "exacerbation_date": condition refers to unknown item "exacerbaton"',
    ],
    [
      'an empty text',
      (t) => {
        itemRow(t, 'spo2')[2] = null;
      },
      'items!C5: is required',
    ],
    [
      'a duplicate item id',
      (t) => {
        itemRow(t, 'inhaler')[0] = 'spo2';
      },
      'items!A10: item "spo2": duplicate id (already used by item "spo2")',
    ],
    [
      'a duplicate option value',
      (t) => {
        t.choices[3][1] = 'better';
      },
      'choices!B4: item "breathless": duplicate option value "better"',
    ],
    [
      'an option without English',
      (t) => {
        t.choices[2][3] = '';
      },
      'choices!D3: is required',
    ],
    [
      'a bad map entry',
      (t) => {
        t.scores[2][5] = '0..1=0; two=1';
      },
      'scores!F3: map entry "two=1" is not "min..max=value" or "value=value"',
    ],
    [
      'a score of a text item',
      (t) => {
        t.scores[1][3] = 'breathless, sputum_colour';
      },
      'scores!D2: score "breath_score": item "sputum_colour" is text and cannot be scored',
    ],
    [
      'a band for an unknown score',
      (t) => {
        t.bands[1][0] = 'breath';
      },
      'bands!A2: unknown score "breath"',
    ],
    [
      'overlapping bands',
      (t) => {
        t.bands[2][1] = 1;
      },
      'bands!B2: score "breath_score": bands "稳定" (0–1) and "需关注" (1–3) overlap',
    ],
    [
      'a bad colour',
      (t) => {
        t.bands[3][5] = 'purple';
      },
      'bands!F4: Invalid option: expected one of "green"|"yellow"|"orange"|"red"',
    ],
    [
      'a trigger on an unknown item',
      (t) => {
        t.triggers[1][1] = 'sp02 < 90';
      },
      'triggers!B2: trigger "low_spo2": condition refers to unknown item "sp02"',
    ],
    [
      'an empty settings row',
      (t) => {
        t.settings = [t.settings[0]];
      },
      'settings!2: the settings row (id, version, title, title_en) is empty',
    ],
    [
      'a bad questionnaire id',
      (t) => {
        t.settings[1][0] = 'COPD followup';
      },
      'settings!A2: must be a slug',
    ],
  ])('reports %s', (_what, change, message) => {
    expect(errorsOf(change)).toContainEqual(expect.stringContaining(message));
  });

  it('reports a file that is not a spreadsheet', () => {
    const file = path.join(dir, 'not.xlsx');
    fs.writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    const r = importQuestionnaireXlsx(file);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/not\.xlsx: not a readable spreadsheet/);
  });
});
