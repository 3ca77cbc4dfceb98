import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CyclesFields } from './CyclesFields';
import { OffsetInput } from './OffsetInput';
import { PointFields, type QuestionnaireOption } from './PointFields';
import { TreatmentStartFields } from './TreatmentStartFields';

export type { QuestionnaireOption };

/** Tracks of follow-up points and repeating cycles counted from an anchor (discharge, visit, treatment start …). */
export function TracksFields({ questionnaires }: { questionnaires: QuestionnaireOption[] }) {
  const { t } = useTranslation();
  return (
    <Form.List name="tracks">
      {(tracks, { add, remove }) => (
        <>
          <TreatmentStartFields />
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
                <Col span={4}>
                  <Form.Item name={[tr.name, 'id']} label={t('plans.track.id')} rules={[{ required: true }]}>
                    <Input data-testid="track-id" />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name={[tr.name, 'name']} label={t('plans.track.name')} rules={[{ required: true }]}>
                    <Input maxLength={64} data-testid="track-name" />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name={[tr.name, 'nameEn']} label={t('plans.english.name')}>
                    <Input maxLength={128} data-testid="track-name-en" />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name={[tr.name, 'anchor']} label={t('plans.track.anchor')} rules={[{ required: true }]}>
                    <Select
                      data-testid="track-anchor"
                      options={(['discharge', 'visit', 'checkup', 'admission', 'treatment_start'] as const).map((a) => ({
                        value: a,
                        label: t(`plans.track.anchors.${a}`),
                      }))}
                    />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name={[tr.name, 'satisfiedBy']} label={t('plans.track.satisfiedBy')}>
                    <Select options={(['any_visit', 'same_department', 'none'] as const).map((a) => ({ value: a, label: t(`plans.track.satisfied.${a}`) }))} />
                  </Form.Item>
                </Col>
              </Row>
              <Typography.Text type="secondary">{t('plans.track.defaults')}</Typography.Text>
              <Row gutter={12}>
                <PointFields base={[tr.name]} questionnaires={questionnaires} />
              </Row>
              <Typography.Text strong>{t('plans.track.points')}</Typography.Text>
              <Form.List name={[tr.name, 'points']}>
                {(points, ops) => (
                  <>
                    {points.map((p) => (
                      <Row key={p.key} gutter={12} className="plan-point" data-testid="plan-point" align="bottom">
                        <Col span={4}>
                          <Form.Item name={[p.name, 'at']} label={t('plans.point.at')} rules={[{ required: true }]}>
                            <OffsetInput testId="point-at" />
                          </Form.Item>
                        </Col>
                        <PointFields base={[p.name]} questionnaires={questionnaires} />
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
                        <Col span={12} className="plan-point-label">
                          <Form.Item name={[p.name, 'label']} label={t('plans.point.label')} layout="horizontal">
                            <Input maxLength={64} data-testid="point-label" />
                          </Form.Item>
                        </Col>
                        <Col span={12} className="plan-point-label">
                          <Form.Item name={[p.name, 'labelEn']} label={t('plans.english.label')} layout="horizontal">
                            <Input maxLength={128} data-testid="point-label-en" />
                          </Form.Item>
                        </Col>
                      </Row>
                    ))}
                    <Button size="small" icon={<PlusOutlined />} onClick={() => ops.add({ at: { days: 7 } })} data-testid="plan-add-point">
                      {t('plans.track.addPoint')}
                    </Button>
                  </>
                )}
              </Form.List>
              <CyclesFields track={tr.name} questionnaires={questionnaires} />
            </Card>
          ))}
          <Button
            data-testid="plan-add-track"
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
