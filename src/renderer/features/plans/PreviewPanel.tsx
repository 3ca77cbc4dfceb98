import { Alert, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { inLanguage } from '../../../shared/bilingual';
import type { PlanPreview, PlanPreviewRow } from '../../../shared/contract/plans';
import { useLang, useTextIn } from '../../i18n/text-in';

/** What plans.preview says the definition would enrol now, before anything is saved. */
export function PreviewPanel({ preview, stale, loading }: { preview: PlanPreview | undefined; stale: boolean; loading: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const pick = useTextIn();
  const ruleName = (r: PlanPreview['byRule'][number]) => (r.label ? pick(r.label, r.labelEn) : r.ruleId);
  return (
    <Card size="small" title={t('plans.preview.title')} className="plan-preview" loading={loading} data-testid="plan-preview">
      {!preview ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plans.preview.none')} />
      ) : (
        <Space orientation="vertical" className="full-width">
          {stale && <Alert type="warning" showIcon title={t('plans.preview.stale')} />}
          <Space size="large">
            <Typography.Text strong className="plan-preview-n" data-testid="preview-encounters" data-n={preview.encounters}>
              {t('plans.preview.encounters', { n: preview.encounters })}
            </Typography.Text>
            <Typography.Text data-testid="preview-patients">{t('plans.preview.patients', { n: preview.patients })}</Typography.Text>
          </Space>
          <div>
            {t('plans.preview.byRule')}
            {t('common.colon')}
            {preview.byRule.map((r) => (
              <Tag key={r.ruleId}>
                {ruleName(r)} {r.encounters}
              </Tag>
            ))}
          </div>
          {preview.warnings.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('plans.preview.warnings')}
              description={
                <ul className="plan-warnings">
                  {preview.warnings.map((w) => (
                    <li key={w}>{inLanguage(w, lang)}</li>
                  ))}
                </ul>
              }
              data-testid="preview-warnings"
            />
          )}
          <Table<PlanPreviewRow>
            size="small"
            pagination={false}
            rowKey={(r) => `${r.encounterId}-${r.ruleId}`}
            dataSource={preview.sample}
            title={() => t('plans.preview.sample')}
            columns={[
              { title: t('plans.preview.name'), dataIndex: 'name', width: 90 },
              { title: t('plans.preview.kind'), dataIndex: 'kind', width: 70, render: (k: string) => t(`plans.rule.kinds.${k}`) },
              { title: t('plans.preview.date'), dataIndex: 'eventDate', width: 100, render: (d: string) => d.slice(0, 10) },
              { title: t('plans.preview.dept'), dataIndex: 'deptName', width: 110, ellipsis: true },
              { title: t('plans.preview.diag'), key: 'diag', ellipsis: true, render: (_, r) => [r.diagCode, r.diagName].filter(Boolean).join(' ') },
              {
                title: t('plans.preview.rule'),
                dataIndex: 'ruleId',
                width: 120,
                ellipsis: true,
                // The rule's label, as the team named it; its code only when it has none.
                render: (id: string) => {
                  const rule = preview.byRule.find((r) => r.ruleId === id);
                  return rule ? ruleName(rule) : id;
                },
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
