import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';

/** Name, enrolment window, retries, callbacks, loss to follow-up, escalation. */
export function GeneralFields({ isNew }: { isNew: boolean }) {
  const { t } = useTranslation();
  const num = (name: (string | number)[], label: string, max?: number) => (
    <Col span={8}>
      <Form.Item name={name} label={label}>
        <InputNumber min={0} max={max} className="full-width" />
      </Form.Item>
    </Col>
  );
  return (
    <>
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item name="code" label={t('plans.general.code')} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9_-]{0,63}$/ }]}>
            <Input disabled={!isNew} data-testid="plan-code" />
          </Form.Item>
        </Col>
        <Col span={9}>
          <Form.Item name="name" label={t('plans.general.name')} rules={[{ required: true }]}>
            <Input maxLength={128} data-testid="plan-name" />
          </Form.Item>
        </Col>
        <Col span={9}>
          <Form.Item name="nameEn" label={t('plans.english.name')}>
            <Input maxLength={256} data-testid="plan-name-en" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="description" label={t('plans.general.description')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="descriptionEn" label={t('plans.english.description')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={4000} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        {num(['enrolment', 'lookbackDays'], t('plans.general.lookbackDays'), 3650)}
        <Col span={8}>
          <Form.Item name={['enrolment', 'notBefore']} label={t('plans.general.notBefore')} rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={['enrolment', 'perPatient']} label={t('plans.general.perPatient')}>
            <Select
              options={[
                { value: 'per_encounter', label: t('plans.general.perEncounter') },
                { value: 'once', label: t('plans.general.once') },
              ]}
            />
          </Form.Item>
        </Col>
        {num(['generateAheadDays'], t('plans.general.generateAheadDays'), 90)}
        {num(['retry', 'maxAttempts'], t('plans.general.maxAttempts'), 10)}
        {num(['retry', 'intervalHours'], t('plans.general.intervalHours'), 720)}
        {num(['callback', 'teamDelayMinutes'], t('plans.general.teamDelayMinutes'), 10080)}
        {num(['stop', 'lostAfterUnreachable'], t('plans.general.lostAfterUnreachable'), 20)}
        {num(['escalation', 'dueHours'], t('plans.general.escalationDueHours'), 720)}
        <Col span={8}>
          <Form.Item name={['escalation', 'department']} label={t('plans.general.escalationDept')}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
