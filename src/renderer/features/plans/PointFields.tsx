import { Col, Form, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTextIn } from '../../i18n/text-in';

export type Path = (string | number)[];
/** A questionnaire the picker offers: shown by title, stored by id. */
export interface QuestionnaireOption {
  id: string;
  title: string;
}

/** Education items of the plan (content tab), shown by title, stored by code. */
export function useEducationOptions(): { value: string; label: string }[] {
  const form = Form.useFormInstance();
  const pick = useTextIn();
  const items = (Form.useWatch('education', form) ?? []) as { code?: string; title?: string; titleEn?: string }[];
  return items.filter((e) => e?.code).map((e) => ({ value: e.code!, label: (e.title && pick(e.title, e.titleEn)) || e.code! }));
}

/** The fields a point shares with its track's defaults: questionnaire, window, education, channel. */
export function PointFields({ base, questionnaires }: { base: Path; questionnaires: QuestionnaireOption[] }) {
  const { t } = useTranslation();
  const education = useEducationOptions();
  return (
    <>
      <Col span={5}>
        <Form.Item name={[...base, 'questionnaire', 'id']} label={t('plans.point.questionnaire')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={questionnaires.map((q) => ({ value: q.id, label: q.title }))}
            data-testid="plan-questionnaire"
          />
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
          <Select mode="multiple" options={education} showSearch={{ optionFilterProp: 'label' }} maxTagCount="responsive" data-testid="plan-education-pick" />
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
