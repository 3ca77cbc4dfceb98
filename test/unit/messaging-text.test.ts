import { describe, expect, it } from 'vitest';
import { advances, fromTwilioStatus } from '../../src/main/messaging/status';
import { chronicTemplateFor, loadSmsTemplates, renderSms, templateById } from '../../src/main/messaging/templates';
import { isOptOutReply, maskE164, maskName, storedSpellings, toE164 } from '../../src/main/messaging/text';
import { smsSegments, smsTemplateSchema } from '../../src/shared/messaging/template';

describe('SMS text helpers', () => {
  it('masks names: the surname stays, every other character is a star', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('司马光')).toBe('司马*');
    expect(maskName('欧阳')).toBe('欧*'); // two characters: a surname alone is never the whole name
    expect(maskName(' 王 ')).toBe('王');
    expect(maskName('买买提·艾力')).toBe('买*****');
  });

  it('turns stored numbers into E.164 and refuses landlines and junk', () => {
    expect(toE164('13800138000')).toBe('+8613800138000');
    expect(toE164('138-0013-8000')).toBe('+8613800138000');
    expect(toE164('8613800138000')).toBe('+8613800138000');
    expect(toE164('008613800138000')).toBe('+8613800138000');
    expect(toE164('+86 138 0013 8000')).toBe('+8613800138000');
    expect(toE164('010-62345678')).toBeNull();
    expect(toE164('+861062345678')).toBeNull();
    expect(toE164('12345')).toBeNull();
    expect(toE164('+14155550100')).toBe('+14155550100');
    expect(maskE164('+8613800138000')).toBe('+86138****8000');
    expect(maskE164('+14155550100')).toBe('+14*****0100');
    expect(storedSpellings('+8613800138000')).toEqual(expect.arrayContaining(['13800138000', '8613800138000', '+8613800138000']));
  });

  it('recognises opt-out replies in Chinese and English, not ordinary replies', () => {
    for (const s of ['退订', ' T ', 'td', 'STOP', 'Stop.', '退订！', 'unsubscribe']) expect(isOptOutReply(s), s).toBe(true);
    for (const s of ['好的', '血压 150/95', 'stop by tomorrow', '', null]) expect(isOptOutReply(s), String(s)).toBe(false);
  });

  it('moves statuses only forward and folds Twilio statuses into ours', () => {
    expect(fromTwilioStatus('accepted')).toBe('queued');
    expect(fromTwilioStatus('delivered')).toBe('delivered');
    expect(fromTwilioStatus('bogus')).toBeNull();
    expect(advances('sending', 'queued')).toBe(true);
    expect(advances('queued', 'delivered')).toBe(true);
    expect(advances('delivered', 'sent')).toBe(false);
    expect(advances('failed', 'delivered')).toBe(false);
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('中'.repeat(70))).toBe(1);
    expect(smsSegments('中'.repeat(71))).toBe(2);
  });
});

describe('SMS templates', () => {
  const templates = loadSmsTemplates();

  it('ships valid templates for each use, with a monthly reminder per chronic plan', () => {
    expect(new Set(templates.map((t) => t.kind))).toEqual(new Set(['education', 'return_visit', 'chronic_monthly']));
    expect(chronicTemplateFor(templates, 'hypertension')!.id).toBe('chronic-monthly-hypertension');
    expect(chronicTemplateFor(templates, 'diabetes')!.id).toBe('chronic-monthly-diabetes');
    expect(chronicTemplateFor(templates, 'lung-cancer')!.id).toBe('chronic-monthly');
    for (const t of templates) expect(t.body).toMatch(/^【\{hospital\}】/); // carriers require the signature
  });

  it('fills variables with the name masked and the date in Chinese', () => {
    const body = renderSms(
      templateById(templates, 'return-visit'),
      { date: '2026-12-03', department: '心内科' },
      { patientName: '张三丰', hospital: '第一医院' },
    );
    expect(body).toContain('【第一医院】张**您好');
    expect(body).toContain('2026年12月3日');
    expect(body).toContain('心内科');
    expect(body).not.toContain('三丰');
  });

  it('refuses missing, unknown or malformed variables, and a full name smuggled into a variable', () => {
    const t = templateById(templates, 'education');
    const ctx = { patientName: '张三丰', hospital: '第一医院' };
    expect(() => renderSms(t, { department: '心内科' }, ctx)).toThrow(/incomplete/);
    expect(() => renderSms(t, { department: '心内科', item: '少盐', extra: 'x' }, ctx)).toThrow(/incomplete/);
    expect(() => renderSms(templateById(templates, 'return-visit'), { date: '12/03', department: '心内科' }, ctx)).toThrow(/incomplete/);
    expect(() => renderSms(t, { department: '心内科', item: '张三丰请少盐' }, ctx)).toThrow(/full name/);
    expect(() => templateById(templates, 'nope')).toThrow(/unknown SMS template/);
  });

  it('rejects template files with undeclared placeholders or reserved variables', () => {
    const base = { id: 'x', kind: 'general', name: 'x', nameEn: 'x' };
    expect(smsTemplateSchema.safeParse({ ...base, body: '{name}{foo}' }).success).toBe(false);
    expect(smsTemplateSchema.safeParse({ ...base, body: '{name}', variables: [{ key: 'name', label: 'n', labelEn: 'n' }] }).success).toBe(false);
    expect(smsTemplateSchema.safeParse({ ...base, body: '{name}{foo}', variables: [{ key: 'foo', label: 'f', labelEn: 'f' }] }).success).toBe(true);
  });
});
