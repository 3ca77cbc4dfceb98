import { App as AntApp, Button, type ButtonProps, DatePicker, Form, Input, Modal, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SmsTemplateInfo } from '../../../shared/contract/messaging';
import { errorText } from '../../api/notices';
import './i18n';
import { useSendSms, useSmsPreview, useSmsTemplates } from './queries';

interface Props {
  patientId: number;
  /** The follow-up task whose screen sends it. */
  taskId?: number;
  /** Prefilled variables (department, date, education text …). */
  initial?: { template?: string; variables?: Record<string, string> };
  onSent?: (messageId: number) => void;
}

function VariableField({ v }: { v: SmsTemplateInfo['variables'][number] }) {
  const { i18n } = useTranslation();
  const label = i18n.language === 'en' ? v.labelEn : v.label;
  if (v.type === 'date')
    return (
      <Form.Item
        name={['variables', v.key]}
        label={label}
        rules={[{ required: v.required }]}
        getValueProps={(s?: string) => ({ value: s ? dayjs(s) : undefined })}
        normalize={(d?: dayjs.Dayjs | null) => d?.format('YYYY-MM-DD')}
      >
        <DatePicker />
      </Form.Item>
    );
  return (
    <Form.Item name={['variables', v.key]} label={label} rules={[{ required: v.required, max: v.maxLength }]}>
      {v.maxLength > 64 ? <Input.TextArea rows={3} maxLength={v.maxLength} /> : <Input maxLength={v.maxLength} />}
    </Form.Item>
  );
}

/** Pick a template, fill its variables, see the exact text (name masked in main), send. */
export function SendSmsButton({ patientId, taskId, initial, onSent }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ template: string; variables: Record<string, string> }>();
  const templates = useSmsTemplates();
  const chosen = Form.useWatch('template', form);
  const variables = Form.useWatch('variables', form) as Record<string, string> | undefined;
  const tpl = templates.data?.find((x) => x.id === chosen);
  const complete = !!tpl && tpl.variables.every((v) => !v.required || variables?.[v.key]);
  const preview = useSmsPreview(open && complete ? { patientId, template: tpl!.id, variables: variables ?? {} } : null);
  const send = useSendSms();
  const submit = async () => {
    const values = await form.validateFields();
    const m = await send.mutateAsync({ patientId, taskId, template: values.template, variables: values.variables ?? {} });
    void message.success(t('messaging.send.sent'));
    setOpen(false);
    onSent?.(m.id);
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="sms-send-open">
        {t('messaging.send.open')}
      </Button>
      <Modal
        open={open}
        title={t('messaging.send.title')}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        okText={t('messaging.send.submit')}
        onOk={() => void submit().catch(() => {})}
        confirmLoading={send.isPending}
        okButtonProps={{ disabled: !preview.data || preview.data.optedOut || !preview.data.phone, 'data-testid': 'sms-send-submit' } as ButtonProps}
      >
        <Form form={form} layout="vertical" initialValues={{ template: initial?.template, variables: initial?.variables ?? {} }}>
          <Form.Item name="template" label={t('messaging.send.template')} rules={[{ required: true }]}>
            <Select
              options={(templates.data ?? [])
                .filter((x) => x.kind !== 'chronic_monthly')
                .map((x) => ({ value: x.id, label: i18n.language === 'en' ? x.nameEn : x.name }))}
            />
          </Form.Item>
          {tpl?.variables.map((v) => (
            <VariableField key={v.key} v={v} />
          ))}
        </Form>
        {preview.isError && <Typography.Text type="danger">{errorText(preview.error, t)}</Typography.Text>}
        {preview.data && (
          <Space orientation="vertical" data-testid="sms-preview">
            <Typography.Text type="secondary">
              {t('messaging.send.phone')}: {preview.data.phone ?? t('messaging.send.noMobile')} · {t('messaging.send.segments', { n: preview.data.segments })}
            </Typography.Text>
            <Typography.Paragraph className="message-body">{preview.data.body}</Typography.Paragraph>
            {preview.data.optedOut && <Typography.Text type="warning">{t('messaging.optedOut')}</Typography.Text>}
          </Space>
        )}
      </Modal>
    </>
  );
}
