import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';

/** The call script and the education items points refer to by code. */
export function ContentFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name={['script', 'opening']} label={t('plans.content.opening')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Form.Item name={['script', 'closing']} label={t('plans.content.closing')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      <div className="plan-section-title">{t('plans.content.education')}</div>
      <Form.List name="education">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Row key={f.key} gutter={8} align="top" data-testid="plan-education">
                <Col span={5}>
                  <Form.Item name={[f.name, 'code']} rules={[{ required: true }]}>
                    <Input placeholder={t('plans.content.code')} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[f.name, 'title']} rules={[{ required: true }]}>
                    <Input placeholder={t('plans.content.title')} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={[f.name, 'content']}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('plans.content.text')} />
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
