import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../departments/queries';
import { departmentSearch } from '../departments/search';
import './tiers-i18n';

const DISCHARGE_MODES = ['1', '2', '3', '4', '5', '9'];

/** Who is enrolled: encounter type, departments, ICD-10 codes/ranges, keywords, age, discharge. */
export function RulesFields() {
  const { t } = useTranslation();
  const depts = useDepartments();
  const deptOptions = (depts.data ?? []).map((d) => ({ value: d.name, label: d.active ? d.name : `${d.name} ${t('finder.disabled')}` }));
  return (
    <Form.List name={['enrolment', 'rules']}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Card
              key={f.key}
              size="small"
              className="plan-sub"
              data-testid="plan-rule"
              extra={
                <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} disabled={fields.length <= 1}>
                  {t('plans.remove')}
                </Button>
              }
            >
              <Row gutter={12}>
                <Col span={5}>
                  <Form.Item name={[f.name, 'id']} label={t('plans.rule.id')} rules={[{ required: true }]}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={7}>
                  <Form.Item name={[f.name, 'label']} label={t('plans.rule.label')}>
                    <Input maxLength={128} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[f.name, 'labelEn']} label={t('plans.english.label')}>
                    <Input maxLength={256} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[f.name, 'encounterKind']} label={t('plans.rule.kind')} rules={[{ required: true }]}>
                    <Select options={(['inpatient', 'outpatient', 'checkup'] as const).map((k) => ({ value: k, label: t(`plans.rule.kinds.${k}`) }))} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={[f.name, 'departments']} label={t('plans.rule.departments')}>
                    <Select mode="tags" options={deptOptions} tokenSeparators={[',', '，']} showSearch={departmentSearch(depts.data)} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={[f.name, 'dischargeModes']} label={t('plans.rule.dischargeModes')}>
                    <Select
                      mode="multiple"
                      options={DISCHARGE_MODES.map((c) => ({ value: c, label: `${c} ${t(`codes.dischargeMode.${c}`, { defaultValue: '' })}` }))}
                    />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={[f.name, 'icd10']} label={t('plans.rule.icd10')}>
                    <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder="C18-C20, E11.9" open={false} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={[f.name, 'keywords']} label={t('plans.rule.keywords')}>
                    <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder="肺癌" open={false} />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[f.name, 'ageMin']} label={t('plans.rule.ageMin')}>
                    <InputNumber min={0} max={150} />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[f.name, 'ageMax']} label={t('plans.rule.ageMax')}>
                    <InputNumber min={0} max={150} />
                  </Form.Item>
                </Col>
                <Form.Item noStyle shouldUpdate>
                  {({ getFieldValue }) =>
                    getFieldValue(['enrolment', 'rules', f.name, 'encounterKind']) === 'checkup' && (
                      <>
                        <Col span={4}>
                          <Form.Item name={[f.name, 'critical']} label={t('plans.rule.critical')} valuePropName="checked">
                            <Switch />
                          </Form.Item>
                        </Col>
                        <Col span={4}>
                          <Form.Item name={[f.name, 'abnormal']} label={t('plans.rule.abnormal')} valuePropName="checked">
                            <Switch />
                          </Form.Item>
                        </Col>
                        <Col span={8}>
                          <Form.Item name={[f.name, 'riskTiers']} label={t('tiers.ruleTiers')}>
                            <Select mode="tags" tokenSeparators={[',', '，', ' ']} placeholder="high" open={false} data-testid="plan-rule-tiers" />
                          </Form.Item>
                        </Col>
                      </>
                    )
                  }
                </Form.Item>
              </Row>
            </Card>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() => add({ id: `rule-${fields.length + 1}`, encounterKind: 'inpatient', departments: [], icd10: [], keywords: [], dischargeModes: [] })}
          >
            {t('plans.rule.add')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
