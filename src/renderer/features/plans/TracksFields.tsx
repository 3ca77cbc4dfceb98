import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { OffsetInput } from './OffsetInput';

type Path = (string | number)[];

/** The fields a point shares with its track's defaults: questionnaire, window, education, channel. */
function PointFields({ base, questionnaires, education }: { base: Path; questionnaires: string[]; education: string[] }) {
  const { t } = useTranslation();
  return (
    <>
      <Col span={5}>
        <Form.Item name={[...base, 'questionnaire', 'id']} label={t('plans.point.questionnaire')}>
          <AutoComplete options={questionnaires.map((q) => ({ value: q }))} allowClear showSearch={{ filterOption: true }} />
        </Form.Item>
      </Col>
      <Col span={5}>
        <Form.Item label={t('plans.point.window')}>
          <Space.Compact>
            <Form.Item name={[...base, 'window', 'before']} noStyle>
              <InputNumber min={0} placeholder={t('plans.point.before')} className="plan-window" />
            </Form.Item>
            <Form.Item name={[...base, 'window', 'after']} noStyle>
              <InputNumber min={0} placeholder={t('plans.point.after')} className="plan-window" />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
      </Col>
      <Col span={6}>
        <Form.Item name={[...base, 'education']} label={t('plans.point.education')}>
          <Select mode="multiple" options={education.map((c) => ({ value: c, label: c }))} maxTagCount="responsive" />
        </Form.Item>
      </Col>
      <Col span={3}>
        <Form.Item name={[...base, 'channel']} label={t('plans.point.channel')}>
          <Select
            allowClear
            options={[
              { value: 'call', label: t('plans.point.call') },
              { value: 'sms', label: t('plans.point.sms') },
            ]}
          />
        </Form.Item>
      </Col>
    </>
  );
}

/** Tracks of follow-up points counted from an anchor (discharge, visit, …); cycles via JSON. */
export function TracksFields({ questionnaires }: { questionnaires: string[] }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const education = ((Form.useWatch('education', form) ?? []) as { code?: string }[]).map((e) => e?.code).filter((c): c is string => !!c);
  return (
    <Form.List name="tracks">
      {(tracks, { add, remove }) => (
        <>
          {tracks.map((tr) => (
            <Card
              key={tr.key}
              size="small"
              className="plan-sub"
              data-testid="plan-track"
              extra={
                <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(tr.name)} disabled={tracks.length <= 1}>
                  {t('plans.remove')}
                </Button>
              }
            >
              <Row gutter={12}>
                <Col span={5}>
                  <Form.Item name={[tr.name, 'id']} label={t('plans.track.id')} rules={[{ required: true }]}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={7}>
                  <Form.Item name={[tr.name, 'name']} label={t('plans.track.name')} rules={[{ required: true }]}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[tr.name, 'anchor']} label={t('plans.track.anchor')} rules={[{ required: true }]}>
                    <Select
                      options={(['discharge', 'visit', 'checkup', 'admission', 'treatment_start'] as const).map((a) => ({
                        value: a,
                        label: t(`plans.track.anchors.${a}`),
                      }))}
                    />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[tr.name, 'satisfiedBy']} label={t('plans.track.satisfiedBy')}>
                    <Select options={(['any_visit', 'same_department', 'none'] as const).map((a) => ({ value: a, label: t(`plans.track.satisfied.${a}`) }))} />
                  </Form.Item>
                </Col>
              </Row>
              <Typography.Text type="secondary">{t('plans.track.defaults')}</Typography.Text>
              <Row gutter={12}>
                <PointFields base={[tr.name]} questionnaires={questionnaires} education={education} />
              </Row>
              <Typography.Text strong>{t('plans.track.points')}</Typography.Text>
              <Form.List name={[tr.name, 'points']}>
                {(points, ops) => (
                  <>
                    {points.map((p) => (
                      <Row key={p.key} gutter={12} className="plan-point" data-testid="plan-point" align="bottom">
                        <Col span={4}>
                          <Form.Item name={[p.name, 'at']} label={t('plans.point.at')} rules={[{ required: true }]}>
                            <OffsetInput />
                          </Form.Item>
                        </Col>
                        <PointFields base={[p.name]} questionnaires={questionnaires} education={education} />
                        <Col span={1}>
                          <Button
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            onClick={() => ops.remove(p.name)}
                            aria-label={t('plans.remove')}
                            className="plan-point-remove"
                          />
                        </Col>
                        <Col span={24} className="plan-point-label">
                          <Form.Item name={[p.name, 'label']} label={t('plans.point.label')} layout="horizontal">
                            <Input />
                          </Form.Item>
                        </Col>
                      </Row>
                    ))}
                    <Button size="small" icon={<PlusOutlined />} onClick={() => ops.add({ at: { days: 7 } })}>
                      {t('plans.track.addPoint')}
                    </Button>
                  </>
                )}
              </Form.List>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const n = (getFieldValue(['tracks', tr.name, 'cycles']) ?? []).length;
                  return (
                    n > 0 && (
                      <div>
                        <Typography.Text type="secondary">{t('plans.track.cycles', { count: n })}</Typography.Text>
                      </div>
                    )
                  );
                }}
              </Form.Item>
            </Card>
          ))}
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              add({ id: `track-${tracks.length + 1}`, name: '', anchor: 'discharge', points: [{ at: { days: 7 } }], cycles: [], satisfiedBy: 'any_visit' })
            }
          >
            {t('plans.track.add')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
