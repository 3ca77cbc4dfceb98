import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QuestionnaireOption } from './PointFields';
import './tiers-i18n';

const SHIPPED = [
  { code: 'high', label: '高危', labelEn: 'High risk', when: [{ score: { questionnaire: 'tumour-risk', score: 'risk_total', min: 8 } }] },
  { code: 'medium', label: '中危', labelEn: 'Intermediate risk', when: [{ score: { questionnaire: 'tumour-risk', score: 'risk_total', min: 4 } }] },
  { code: 'low', label: '低危', labelEn: 'Low risk', when: [] },
];

function Conditions({ tier, questionnaires }: { tier: number; questionnaires: QuestionnaireOption[] }) {
  const { t } = useTranslation();
  return (
    <Form.List name={[tier, 'when']}>
      {(conds, { add, remove }) => (
        <>
          <Typography.Text type="secondary">{conds.length ? t('tiers.conditions') : t('tiers.noCondition')}</Typography.Text>
          {conds.map((c) => (
            <Row gutter={8} key={c.key} data-testid="tier-condition" align="bottom">
              <Col span={6}>
                <Form.Item name={[c.name, 'score', 'questionnaire']} label={t('tiers.questionnaire')}>
                  <Select allowClear options={questionnaires.map((q) => ({ value: q.id, label: q.title }))} />
                </Form.Item>
              </Col>
              <Col span={4}>
                <Form.Item name={[c.name, 'score', 'score']} label={t('tiers.score')}>
                  <Input placeholder="risk_total" maxLength={64} />
                </Form.Item>
              </Col>
              <Col span={3}>
                <Form.Item name={[c.name, 'score', 'min']} label={t('tiers.min')}>
                  <InputNumber />
                </Form.Item>
              </Col>
              <Col span={3}>
                <Form.Item name={[c.name, 'score', 'max']} label={t('tiers.max')}>
                  <InputNumber />
                </Form.Item>
              </Col>
              <Col span={3}>
                <Form.Item name={[c.name, 'abnormal']} label={t('tiers.abnormal')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
              <Col span={3}>
                <Form.Item name={[c.name, 'critical']} label={t('tiers.critical')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
              <Col span={2}>
                <Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(c.name)} aria-label={t('tiers.remove')} />
                </Form.Item>
              </Col>
            </Row>
          ))}
          <Button size="small" icon={<PlusOutlined />} onClick={() => add({})}>
            {t('tiers.addCondition')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** plan.riskTiers: the tiers a checkup-assessment plan places its clients in, highest first. */
export function TiersFields({ questionnaires }: { questionnaires: QuestionnaireOption[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const on = Form.useWatch('riskTiers', { form, preserve: true }) !== undefined;
  return (
    <div data-testid="plan-tiers">
      <Typography.Paragraph type="secondary">{t('tiers.intro')}</Typography.Paragraph>
      <Typography.Text strong>{t('tiers.enable')}</Typography.Text>{' '}
      <Switch
        size="small"
        checked={on}
        data-testid="plan-tiers-switch"
        onChange={(v) => form.setFieldValue('riskTiers', v ? structuredClone(SHIPPED) : undefined)}
      />
      {on && (
        <Form.List name="riskTiers">
          {(tiers, { add, remove }) => (
            <>
              {tiers.map((f) => (
                <Card
                  key={f.key}
                  size="small"
                  className="plan-sub"
                  data-testid="plan-tier"
                  extra={
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} disabled={tiers.length <= 1}>
                      {t('tiers.remove')}
                    </Button>
                  }
                >
                  <Row gutter={12}>
                    <Col span={6}>
                      <Form.Item name={[f.name, 'code']} label={t('tiers.code')} rules={[{ required: true }]}>
                        <Input maxLength={32} />
                      </Form.Item>
                    </Col>
                    <Col span={9}>
                      <Form.Item name={[f.name, 'label']} label={t('tiers.label')} rules={[{ required: true }]}>
                        <Input maxLength={32} />
                      </Form.Item>
                    </Col>
                    <Col span={9}>
                      <Form.Item name={[f.name, 'labelEn']} label={t('tiers.labelEn')}>
                        <Input maxLength={64} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Conditions tier={f.name} questionnaires={questionnaires} />
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ code: `tier-${tiers.length + 1}`, label: '', when: [] })}>
                {t('tiers.add')}
              </Button>
            </>
          )}
        </Form.List>
      )}
    </div>
  );
}
