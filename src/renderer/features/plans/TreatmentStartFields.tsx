import { Col, Form, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Where 治疗开始日 comes from (plan.treatmentStart): a HIS event the plan names — the first
 * stay with one of these main diagnoses after the enrolling one — or, switched off, nothing
 * named. Either way a date the team enters on the follow-up page wins.
 */
export function TreatmentStartFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  // preserve: the field has no Form.Item of its own, only its children do once it is on.
  const on = Form.useWatch('treatmentStart', { form, preserve: true }) !== undefined;
  return (
    <div className="plan-sub" data-testid="plan-treatment-start">
      <Typography.Text strong>{t('plans.track.startSource')}</Typography.Text>{' '}
      <Switch
        size="small"
        checked={on}
        data-testid="plan-treatment-start-switch"
        onChange={(v) => form.setFieldValue('treatmentStart', v ? { encounterKind: 'inpatient', icd10: ['Z51.1', 'Z51.0'] } : undefined)}
      />{' '}
      <Typography.Text type="secondary">{on ? t('plans.track.startFromHis') : t('plans.track.startNone')}</Typography.Text>
      {on && (
        <>
          <Row gutter={12}>
            <Col span={6}>
              <Form.Item name={['treatmentStart', 'encounterKind']} label={t('plans.track.startKind')}>
                <Select options={(['inpatient', 'outpatient'] as const).map((k) => ({ value: k, label: t(`plans.rule.kinds.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col span={18}>
              <Form.Item name={['treatmentStart', 'icd10']} label={t('plans.track.startIcd')} rules={[{ required: true }]}>
                <Select mode="tags" tokenSeparators={[' ', ',', '，']} data-testid="plan-treatment-start-icd" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text type="secondary">{t('plans.track.startHint')}</Typography.Text>
        </>
      )}
    </div>
  );
}
