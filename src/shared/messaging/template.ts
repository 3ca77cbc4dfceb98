import { z } from 'zod';

// An SMS template is data (templates/sms/*.json): a body with {placeholders}. {name} (the
// patient's name, masked as 张**) and {hospital} (config `sms.hospitalName`) are filled by
// main; every other placeholder is a declared variable the sender fills.

export const RESERVED_VARIABLES = ['name', 'hospital'] as const;
export const smsTemplateKinds = ['education', 'return_visit', 'chronic_monthly', 'general'] as const;
export type SmsTemplateKind = (typeof smsTemplateKinds)[number];

const key = z.string().regex(/^[a-z][a-zA-Z0-9]{0,31}$/, 'lower camelCase key');

export const smsVariableSchema = z
  .object({
    key,
    label: z.string().min(1).max(32),
    labelEn: z.string().min(1).max(64),
    /** date: sent as YYYY-MM-DD, shown as 2026年11月20日. */
    type: z.enum(['text', 'date']).default('text'),
    required: z.boolean().default(true),
    maxLength: z.number().int().min(1).max(500).default(64),
  })
  .strict();

export const smsTemplateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, - and _'),
    kind: z.enum(smsTemplateKinds),
    name: z.string().min(1).max(64),
    nameEn: z.string().min(1).max(128),
    body: z.string().min(1).max(500),
    variables: z.array(smsVariableSchema).max(10).default([]),
    /** chronic_monthly only: plan codes this template is for; none = the default for every plan. */
    plans: z.array(z.string().min(1).max(64)).max(50).default([]),
  })
  .strict()
  .superRefine((t, ctx) => {
    const declared = new Set(t.variables.map((v) => v.key));
    for (const v of t.variables)
      if ((RESERVED_VARIABLES as readonly string[]).includes(v.key))
        ctx.addIssue({ code: 'custom', path: ['variables'], message: `{${v.key}} is filled by the workstation` });
    for (const m of t.body.matchAll(/\{([^{}]*)\}/g))
      if (!declared.has(m[1]) && !(RESERVED_VARIABLES as readonly string[]).includes(m[1]))
        ctx.addIssue({ code: 'custom', path: ['body'], message: `placeholder {${m[1]}} is not a declared variable` });
  });

export type SmsTemplate = z.output<typeof smsTemplateSchema>;
export type SmsVariable = z.output<typeof smsVariableSchema>;

/** Segments Twilio bills: plain ASCII ≈ GSM-7, 160 characters per SMS (153 when split); anything else (Chinese) UCS-2, 70 (67). */
export function smsSegments(body: string): number {
  const chars = Array.from(body).length;
  const gsm = /^[\x20-\x7e\n\r]*$/.test(body);
  const single = gsm ? 160 : 70;
  const part = gsm ? 153 : 67;
  return chars <= single ? 1 : Math.ceil(chars / part);
}
