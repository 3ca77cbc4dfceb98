import { PlayCircleOutlined, SaveOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select, Space, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { WideMultiSelect } from '../../app/WideMultiSelect';
import { dimensions, type MetricDefinition } from '../../../shared/contract/reports';
import type { Department } from '../../../shared/model';
import { useTextIn } from '../../i18n/text-in';
import { usePlanOptions } from '../queue/queries';
import { useUsers } from '../users/queries';
import type { BuilderValues } from './builder-spec';
import { pick } from './format';

interface Props {
  form: FormInstance<BuilderValues>;
  initial: BuilderValues;
  metrics: MetricDefinition[];
  departments: Department[];
  /** Only admins may list users, so only they get the nurse filter. */
  isAdmin: boolean;
  onRun: (values: BuilderValues) => void;
  onSave: () => void;
  canSave: boolean;
}

export function BuilderForm({ form, initial, metrics, departments, isAdmin, onRun, onSave, canSave }: Props) {
  const { t } = useTranslation();
  const plans = usePlanOptions();
  const planName = useTextIn();
  const users = useUsers(isAdmin);
  const nurses = (users.data ?? []).filter((u) => u.role !== 'admin');
  return (
    <Form<BuilderValues> form={form} layout="inline" initialValues={initial} onFinish={onRun} className="builder-form" data-testid="builder-form">
      <Form.Item name="rows" label={t('reports.builder.rows')}>
        <Select className="builder-narrow" options={dimensions.map((d) => ({ value: d, label: t(`reports.dim.${d}`) }))} data-testid="builder-rows" />
      </Form.Item>
      <Form.Item name="measures" label={t('reports.builder.measures')}>
        <Select
          mode="multiple"
          className="builder-wide"
          placeholder={t('reports.builder.measuresPlaceholder')}
          optionFilterProp="label"
          options={metrics.map((m) => ({ value: m.code, label: pick(m.name) }))}
          maxTagCount="responsive"
          data-testid="builder-measures"
        />
      </Form.Item>
      <Form.Item name="period" label={t('reports.builder.period')}>
        <DatePicker.RangePicker allowClear={false} data-testid="builder-period" />
      </Form.Item>
      <Form.Item name="deptIds" label={t('reports.builder.depts')}>
        <WideMultiSelect options={departments.map((d) => ({ value: d.id, label: d.name }))} data-testid="builder-depts" />
      </Form.Item>
      <Form.Item name="planIds" label={t('reports.builder.plans')}>
        <WideMultiSelect options={(plans.data ?? []).map((p) => ({ value: p.id, label: planName(p.name, p.nameEn) }))} data-testid="builder-plans" />
      </Form.Item>
      <Form.Item name="encounterKinds" label={t('reports.builder.kinds')}>
        <Select
          mode="multiple"
          allowClear
          className="builder-kinds"
          options={(['inpatient', 'outpatient', 'checkup'] as const).map((k) => ({ value: k, label: t(`reports.kind.${k}`) }))}
        />
      </Form.Item>
      {isAdmin && (
        <Form.Item name="nurseIds" label={t('reports.builder.nurses')}>
          <WideMultiSelect options={nurses.map((u) => ({ value: u.id, label: u.displayName }))} />
        </Form.Item>
      )}
      <Form.Item label={t('reports.builder.item')}>
        <Space.Compact>
          <Form.Item name="questionnaireId" noStyle>
            <Input className="builder-narrow" placeholder={t('reports.builder.questionnaire')} maxLength={64} data-testid="builder-questionnaire" />
          </Form.Item>
          <Form.Item name="itemId" noStyle>
            <Input className="builder-narrow" placeholder={t('reports.builder.itemId')} maxLength={64} data-testid="builder-item" />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" icon={<PlayCircleOutlined />} data-testid="builder-run">
            {t('reports.builder.run')}
          </Button>
          <Button icon={<SaveOutlined />} onClick={onSave} disabled={!canSave} data-testid="builder-save">
            {t('reports.builder.save')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
