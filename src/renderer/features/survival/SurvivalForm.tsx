import { LineChartOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { WideMultiSelect } from '../../app/WideMultiSelect';
import type { Department } from '../../../shared/model';
import { beijingToday } from '../../app/server-clock';
import type { SurvivalInput } from './queries';

interface Values {
  anchor: SurvivalInput['anchor'];
  groupBy: SurvivalInput['groupBy'];
  diagnosis?: string;
  period?: [Dayjs, Dayjs] | null;
  cutOff: Dayjs;
  deptIds?: number[];
  ci: boolean;
}

interface Props {
  departments: Department[];
  onRun: (input: SurvivalInput, showCi: boolean) => void;
  onCiChange: (show: boolean) => void;
}

export function SurvivalForm({ departments, onRun, onCiChange }: Props) {
  const { t } = useTranslation();
  const initial: Values = { anchor: 'diagnosis', groupBy: 'plan', cutOff: dayjs(beijingToday()), ci: true };
  const submit = (v: Values) =>
    onRun(
      {
        anchor: v.anchor,
        groupBy: v.groupBy,
        diagnosis: v.diagnosis?.trim() || undefined,
        from: v.period?.[0]?.format('YYYY-MM-DD'),
        to: v.period?.[1]?.format('YYYY-MM-DD'),
        cutOff: v.cutOff.format('YYYY-MM-DD'),
        deptIds: v.deptIds?.length ? v.deptIds : undefined,
      },
      v.ci,
    );
  return (
    <Form<Values> layout="inline" initialValues={initial} onFinish={submit} className="builder-form" data-testid="survival-form">
      <Form.Item name="anchor" label={t('survival.anchor')}>
        <Select
          className="builder-narrow"
          options={(['diagnosis', 'firstDischarge', 'treatmentStart'] as const).map((a) => ({ value: a, label: t(`survival.anchors.${a}`) }))}
        />
      </Form.Item>
      <Form.Item name="groupBy" label={t('survival.groupBy')}>
        <Select
          className="builder-narrow"
          options={(['plan', 'diagnosisGroup', 'department'] as const).map((g) => ({ value: g, label: t(`survival.groups.${g}`) }))}
        />
      </Form.Item>
      <Form.Item name="diagnosis" label={t('survival.diagnosis')}>
        <Input className="builder-narrow" placeholder={t('survival.diagnosisPlaceholder')} maxLength={200} data-testid="survival-diagnosis" />
      </Form.Item>
      <Form.Item name="period" label={t('survival.period')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item name="cutOff" label={t('survival.cutOff')}>
        <DatePicker allowClear={false} />
      </Form.Item>
      <Form.Item name="deptIds" label={t('survival.depts')}>
        <WideMultiSelect options={departments.map((d) => ({ value: d.id, label: d.name }))} />
      </Form.Item>
      <Form.Item name="ci" label={t('survival.ci')} valuePropName="checked">
        <Switch size="small" onChange={onCiChange} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<LineChartOutlined />} data-testid="survival-run">
          {t('survival.run')}
        </Button>
      </Form.Item>
    </Form>
  );
}
