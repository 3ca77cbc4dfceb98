import fs from 'node:fs';
import path from 'node:path';
import { smsTemplateSchema, type SmsTemplate } from '../../shared/messaging/template';
import { ApiError } from '../api/errors';
import { templatesDir } from '../config';
import { maskName } from './text';

// SMS templates are data files under templates/sms/*.json (shipped with the app), read once.

export const smsTemplateDir = (): string => path.join(templatesDir(), 'sms');

export function loadSmsTemplates(dir = smsTemplateDir()): SmsTemplate[] {
  if (!fs.existsSync(dir)) return [];
  const out: SmsTemplate[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const r = smsTemplateSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    if (!r.success) throw new Error(`${file}: invalid SMS template: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    if (out.some((t) => t.id === r.data.id)) throw new Error(`${file}: duplicate SMS template id ${r.data.id}`);
    out.push(r.data);
  }
  return out;
}

let cached: SmsTemplate[] | null = null;
export const shippedSmsTemplates = (): SmsTemplate[] => (cached ??= loadSmsTemplates());

export function templateById(templates: SmsTemplate[], id: string): SmsTemplate {
  const t = templates.find((x) => x.id === id);
  if (!t) throw new ApiError('invalid_input', `未知的短信模板 (unknown SMS template): ${id}`, [{ path: 'template', message: 'unknown template' }]);
  return t;
}

/** The monthly reminder for a plan: one naming the plan code, else the default one. */
export function chronicTemplateFor(templates: SmsTemplate[], planCode: string | null): SmsTemplate | null {
  const chronic = templates.filter((t) => t.kind === 'chronic_monthly');
  return chronic.find((t) => planCode !== null && t.plans.includes(planCode)) ?? chronic.find((t) => t.plans.length === 0) ?? null;
}

const chineseDate = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
};

export interface RenderContext {
  patientName: string;
  hospital: string;
}

/**
 * The body with every placeholder filled. The name is always masked here, whatever the caller
 * sends; a body that would still carry the patient's full name (typed into a variable) is
 * refused, so a whole name never leaves in an SMS.
 */
export function renderSms(t: SmsTemplate, vars: Record<string, string>, ctx: RenderContext): string {
  const issues: { path: string; message: string }[] = [];
  const declared = new Map(t.variables.map((v) => [v.key, v]));
  for (const k of Object.keys(vars)) if (!declared.has(k)) issues.push({ path: `variables.${k}`, message: 'not a variable of this template' });
  const values: Record<string, string> = { name: maskName(ctx.patientName), hospital: ctx.hospital };
  for (const v of t.variables) {
    const raw = (vars[v.key] ?? '').replace(/[\r\n]+/g, ' ').trim();
    if (!raw) {
      if (v.required) issues.push({ path: `variables.${v.key}`, message: `${v.label} 必填 (required)` });
      values[v.key] = '';
    } else if (v.type === 'date') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) issues.push({ path: `variables.${v.key}`, message: 'expected YYYY-MM-DD' });
      values[v.key] = chineseDate(raw);
    } else {
      if (Array.from(raw).length > v.maxLength) issues.push({ path: `variables.${v.key}`, message: `at most ${v.maxLength} characters` });
      values[v.key] = raw;
    }
  }
  if (issues.length) throw new ApiError('invalid_input', `短信内容不完整 (the SMS variables are incomplete or wrong)`, issues);
  const body = t.body.replace(/\{([^{}]*)\}/g, (_m, k: string) => values[k] ?? '');
  const full = ctx.patientName.trim();
  if (Array.from(full).length >= 2 && body.includes(full))
    throw new ApiError('invalid_input', "短信中不能出现患者全名 (the SMS must not carry the patient's full name)", [
      { path: 'variables', message: 'full name' },
    ]);
  return body;
}
