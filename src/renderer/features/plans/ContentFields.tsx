import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';

/** The call script and the education items points refer to by code. */
export function ContentFields() {
  const { t } = useTranslation();
  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name={['script', 'opening']} label={t('plans.content.opening')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} data-testid="plan-opening" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['script', 'openingEn']} label={t('plans.english.opening')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={8000} data-testid="plan-opening-en" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['script', 'closing']} label={t('plans.content.closing')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={4000} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['script', 'closingEn']} label={t('plans.english.closing')}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={8000} />
          </Form.Item>
        </Col>
      </Row>
      <div className="plan-section-title">{t('plans.content.education')}</div>
      <Form.List name="education">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Row key={f.key} gutter={8} align="top" data-testid="plan-education">
                <Col span={3}>
                  <Form.Item name={[f.name, 'code']} rules={[{ required: true }]}>
                    <Input placeholder={t('plans.content.code')} maxLength={64} />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[f.name, 'title']} rules={[{ required: true }]}>
                    <Input placeholder={t('plans.content.title')} maxLength={128} />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[f.name, 'titleEn']}>
                    <Input placeholder={t('plans.english.title')} maxLength={256} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[f.name, 'content']}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('plans.content.text')} maxLength={4000} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[f.name, 'contentEn']}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('plans.english.text')} maxLength={8000} />
                  </Form.Item>
                </Col>
                <Col span={1}>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('plans.remove')} />
                </Col>
              </Row>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ code: '', title: '', content: '' })}>
              {t('plans.content.addEducation')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}
