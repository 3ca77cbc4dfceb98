import { App, Button, DatePicker, Form, Input, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { notifyMethods, toldWhom, type NotifyMethod, type ToldWhom } from '../../../shared/critical-values';
import { serverStamp } from '../../app/server-clock';
import { useRecordNotification } from './queries';
import './i18n';

interface Values {
  told: ToldWhom;
  name?: string;
  relation?: string;
  method: NotifyMethod;
  toldAt: Dayjs;
  note?: string;
}

/** Who was told, when and how; who told them is the signed-in nurse, recorded by main. */
export function NotificationForm({ taskId }: { taskId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const told = Form.useWatch('told', form);
  const method = Form.useWatch('method', form);
  const save = useRecordNotification();
  const text = (s?: string) => s?.trim() || undefined;
  const onFinish = (v: Values) =>
    save.mutate(
      {
        taskId,
        told: v.told,
        name: v.told === 'family' ? text(v.name) : undefined,
        relation: v.told === 'family' ? text(v.relation) : undefined,
        method: v.method,
        toldAt: v.toldAt.format('YYYY-MM-DD HH:mm'),
        note: text(v.note),
      },
      { onSuccess: () => void message.success(t('criticalValue.form.saved')) },
    );
  const required = (msg: string) => [{ required: true, whitespace: true, message: msg }];
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      className="critical-form"
      data-testid="critical-form"
      initialValues={{ told: 'patient', method: 'phone', toldAt: dayjs(serverStamp(Date.now())) }}
      onFinish={onFinish}
    >
      <Form.Item name="told" label={t('criticalValue.form.whom')}>
        <Radio.Group optionType="button" options={toldWhom.map((w) => ({ value: w, label: t(`criticalValue.whom.${w}`) }))} />
      </Form.Item>
      {told === 'family' && (
        <Space wrap>
          <Form.Item name="name" label={t('criticalValue.form.name')} rules={required(t('criticalValue.form.missing'))}>
            <Input maxLength={64} data-testid="critical-name" />
          </Form.Item>
          <Form.Item name="relation" label={t('criticalValue.form.relation')} rules={required(t('criticalValue.form.missing'))}>
            <Input maxLength={32} data-testid="critical-relation" />
          </Form.Item>
        </Space>
      )}
      <Form.Item name="method" label={t('criticalValue.form.method')}>
        <Radio.Group optionType="button" options={notifyMethods.map((m) => ({ value: m, label: t(`criticalValue.method.${m}`) }))} />
      </Form.Item>
      <Form.Item name="toldAt" label={t('criticalValue.form.toldAt')} rules={[{ required: true, message: t('criticalValue.form.toldAt') }]}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear={false} data-testid="critical-told-at" />
      </Form.Item>
      <Form.Item name="note" label={t('criticalValue.form.note')} rules={method === 'other' ? required(t('criticalValue.form.noteOther')) : []}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} data-testid="critical-note" />
      </Form.Item>
      <Button type="primary" danger htmlType="submit" loading={save.isPending} data-testid="critical-submit">
        {t('criticalValue.form.submit')}
      </Button>
    </Form>
  );
}
