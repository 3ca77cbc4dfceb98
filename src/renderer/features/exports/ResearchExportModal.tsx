import { App, Checkbox, DatePicker, Form, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../shared/model';
import { useStartExport } from './queries';

// The questionnaires shipped under templates/questionnaires; a site's own ids can be typed in.
const KNOWN_QUESTIONNAIRES = [
  'phq9',
  'gad7',
  'nrs-pain',
  'ecog',
  'ctcae-chemo',
  'hypertension-control',
  'diabetes-control',
  'post-discharge-recovery',
  'postop-wound',
  'discharge-satisfaction',
];

interface Values {
  questionnaireId: string[];
  period: [Dayjs, Dayjs];
  deptIds?: number[];
  deidentify: boolean;
  format: 'xlsx' | 'fhir';
}

interface Props {
  open: boolean;
  departments: Department[];
  onClose: () => void;
}

/** One row per questionnaire response (or a FHIR bundle), optionally de-identified. */
export function ResearchExportModal({ open, departments, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const start = useStartExport();
  const submit = (v: Values) =>
    start.mutate(
      {
        kind: 'research',
        format: v.format,
        params: {
          questionnaireId: v.questionnaireId[0],
          from: v.period[0].format('YYYY-MM-DD'),
          to: v.period[1].format('YYYY-MM-DD'),
          deptIds: v.deptIds?.length ? v.deptIds : undefined,
          deidentify: v.deidentify,
        },
      },
      {
        onSuccess: () => {
          void message.success(t('exports.started'));
          onClose();
        },
      },
    );
  return (
    <Modal
      open={open}
      title={t('exports.form.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('exports.form.start')}
      okButtonProps={{ loading: start.isPending }}
      destroyOnHidden
      forceRender
      width={560}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ deidentify: true, format: 'xlsx' }} onFinish={submit} data-testid="research-form">
        <Form.Item
          name="questionnaireId"
          label={t('exports.form.questionnaire')}
          rules={[{ required: true, message: t('exports.form.questionnaireRequired') }]}
        >
          <Select mode="tags" maxCount={1} options={KNOWN_QUESTIONNAIRES.map((q) => ({ value: q, label: q }))} />
        </Form.Item>
        <Form.Item name="period" label={t('exports.form.period')} rules={[{ required: true, message: t('exports.form.periodRequired') }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="deptIds" label={t('exports.form.depts')}>
          <Select mode="multiple" allowClear optionFilterProp="label" options={departments.map((d) => ({ value: d.id, label: d.name }))} />
        </Form.Item>
        <Form.Item name="deidentify" valuePropName="checked">
          <Checkbox>{t('exports.form.deidentify')}</Checkbox>
        </Form.Item>
        <Form.Item name="format" label={t('exports.form.format')}>
          <Radio.Group
            options={[
              { value: 'xlsx', label: t('exports.form.xlsx') },
              { value: 'fhir', label: t('exports.form.fhir') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
