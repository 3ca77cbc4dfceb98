import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { OffsetInput } from './OffsetInput';
import { PointFields, type QuestionnaireOption } from './PointFields';

type End = 'count' | 'until';

/**
 * A track's repeating cycles: "every 21 days, 6 times" or "every 6 months until 3 years".
 * The end is either a count or a time (the schema wants exactly one), chosen by a switch
 * that clears the other field so the definition never holds both.
 */
export function CyclesFields({ track, questionnaires }: { track: number; questionnaires: QuestionnaireOption[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  return (
    <Form.List name={[track, 'cycles']}>
      {(cycles, ops) => (
        <>
          <Typography.Text strong>{t('plans.track.cycles')}</Typography.Text>
          {cycles.map((c) => {
            const path = ['tracks', track, 'cycles', c.name];
            return (
              <Row key={c.key} gutter={12} className="plan-point" data-testid="plan-cycle" align="bottom">
                <Col span={4}>
                  <Form.Item name={[c.name, 'every']} label={t('plans.cycle.every')} rules={[{ required: true }]}>
                    <OffsetInput testId="cycle-every" />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[c.name, 'from']} label={t('plans.cycle.from')}>
                    <OffsetInput testId="cycle-from" />
                  </Form.Item>
                </Col>
                <Col span={3}>
                  <Form.Item label={t('plans.cycle.end')} shouldUpdate>
                    {() => {
                      const end: End = form.getFieldValue([...path, 'until']) !== undefined ? 'until' : 'count';
                      return (
                        <Select<End>
                          value={end}
                          data-testid="cycle-end"
                          onChange={(v) => {
                            // Exactly one of the two: the other is cleared.
                            form.setFieldValue([...path, v === 'count' ? 'until' : 'count'], undefined);
                            form.setFieldValue([...path, v], v === 'count' ? 6 : { months: 6 });
                          }}
                          options={[
                            { value: 'count', label: t('plans.cycle.byCount') },
                            { value: 'until', label: t('plans.cycle.byUntil') },
                          ]}
                        />
                      );
                    }}
                  </Form.Item>
                </Col>
                <Col span={3}>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue([...path, 'until']) !== undefined ? (
                        <Form.Item name={[c.name, 'until']} label={t('plans.cycle.until')}>
                          <OffsetInput testId="cycle-until" />
                        </Form.Item>
                      ) : (
                        <Form.Item name={[c.name, 'count']} label={t('plans.cycle.count')} rules={[{ required: true }]}>
                          <InputNumber min={1} max={100} data-testid="cycle-count" />
                        </Form.Item>
                      )
                    }
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name={[c.name, 'label']} label={t('plans.cycle.label')}>
                    <Input maxLength={64} data-testid="cycle-label" />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[c.name, 'labelEn']} label={t('plans.english.label')}>
                    <Input maxLength={128} data-testid="cycle-label-en" />
                  </Form.Item>
                </Col>
                <Col span={1}>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => ops.remove(c.name)} aria-label={t('plans.remove')} />
                </Col>
                <PointFields base={[c.name]} questionnaires={questionnaires} />
              </Row>
            );
          })}
          <div>
            <Button size="small" icon={<PlusOutlined />} onClick={() => ops.add({ every: { days: 21 }, count: 6 })} data-testid="plan-add-cycle">
              {t('plans.track.addCycle')}
            </Button>
          </div>
        </>
      )}
    </Form.List>
  );
}
