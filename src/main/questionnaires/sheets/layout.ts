// The spreadsheet layout of a questionnaire (docs/questionnaire-spreadsheet.md): one sheet per
// part, a header row, one row per item / choice / score / band / trigger. Headers may be
// written in English or Chinese; columns starting with "#" are notes and ignored.

export type Cell = string | number | boolean | null | undefined;
export type Table = Cell[][];
export type Tables = Record<string, Table>;

export interface SheetSpec {
  /** Sheet names accepted (first is canonical). */
  names: string[];
  required: boolean;
  /** Column key → accepted headers (first is canonical). */
  columns: Record<string, string[]>;
  requiredColumns: string[];
}

export const SHEETS = {
  settings: {
    names: ['settings', '问卷'],
    required: true,
    requiredColumns: ['id', 'version', 'title', 'title_en'],
    columns: {
      id: ['id', '编号'],
      version: ['version', '版本'],
      title: ['title', '标题'],
      title_en: ['title_en', '英文标题'],
      description: ['description', '说明'],
      description_en: ['description_en', '英文说明'],
    },
  },
  items: {
    names: ['items', 'survey', '题目'],
    required: true,
    requiredColumns: ['id', 'type', 'text', 'text_en'],
    columns: {
      id: ['id', 'name', '编号'],
      type: ['type', '类型'],
      text: ['text', 'label', '题目'],
      text_en: ['text_en', 'label_en', '英文题目'],
      required: ['required', '必答'],
      choices: ['choices', 'list', '选项'],
      show_if: ['show_if', 'relevant', '显示条件'],
      min: ['min', '最小值'],
      max: ['max', '最大值'],
      unit: ['unit', '单位'],
      max_length: ['max_length', '最大长度'],
      help: ['help', 'hint', '提示'],
      help_en: ['help_en', 'hint_en', '英文提示'],
    },
  },
  choices: {
    names: ['choices', '选项'],
    required: false,
    requiredColumns: ['list', 'value', 'label', 'label_en'],
    columns: {
      list: ['list', 'list_name', '列表'],
      value: ['value', 'name', '值'],
      label: ['label', '文字'],
      label_en: ['label_en', '英文'],
      score: ['score', '分值'],
      exclusive: ['exclusive', '互斥'],
    },
  },
  scores: {
    names: ['scores', '评分'],
    required: false,
    requiredColumns: ['id', 'label', 'label_en'],
    columns: {
      id: ['id', '编号'],
      label: ['label', '名称'],
      label_en: ['label_en', '英文名称'],
      sum: ['sum', '求和'],
      max: ['max', '取最大'],
      map: ['map', '换算'],
    },
  },
  bands: {
    names: ['bands', '分级'],
    required: false,
    requiredColumns: ['score', 'min', 'max', 'label', 'label_en', 'color'],
    columns: {
      score: ['score', '评分'],
      min: ['min', '下限'],
      max: ['max', '上限'],
      label: ['label', '名称'],
      label_en: ['label_en', '英文名称'],
      color: ['color', '颜色'],
      advice: ['advice', '建议'],
      advice_en: ['advice_en', '英文建议'],
    },
  },
  triggers: {
    names: ['triggers', '预警'],
    required: false,
    requiredColumns: ['id', 'when', 'color', 'message', 'message_en', 'escalate'],
    columns: {
      id: ['id', '编号'],
      when: ['when', '条件'],
      color: ['color', '颜色'],
      message: ['message', '提示'],
      message_en: ['message_en', '英文提示'],
      escalate: ['escalate', '上报'],
    },
  },
} satisfies Record<string, SheetSpec>;

export type SheetKey = keyof typeof SHEETS;

/** Column letter for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** XLSForm and spelling aliases for item types. */
export const TYPE_ALIASES: Record<string, string> = {
  select_one: 'single',
  select_multiple: 'multiple',
  int: 'integer',
  number: 'integer',
  note: 'display',
  string: 'text',
  单选: 'single',
  多选: 'multiple',
  整数: 'integer',
  小数: 'decimal',
  文本: 'text',
  日期: 'date',
  说明: 'display',
};

export const COLOR_ALIASES: Record<string, string> = {
  绿: 'green',
  绿色: 'green',
  黄: 'yellow',
  黄色: 'yellow',
  橙: 'orange',
  橙色: 'orange',
  红: 'red',
  红色: 'red',
};
