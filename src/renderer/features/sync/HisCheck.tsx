import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Collapse, InputNumber, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inLanguage } from '../../../shared/bilingual';
import type { HisCheckEntity, HisCheckReport } from '../../../shared/his-check';
import { api } from '../../api/client';
import { currentLanguage } from '../../i18n';
import { entityLabel } from './entity';

function EntityDetail({ e }: { e: HisCheckEntity }) {
  const { t } = useTranslation();
  const lang = currentLanguage() === 'en' ? 'en' : 'zh';
  const unused = e.unknown.filter((u) => !u.nearest).map((u) => u.column);
  const line = (label: string, text: string) => (
    <div>
      <Typography.Text type="secondary">{label}: </Typography.Text>
      {text}
    </div>
  );
  return (
    <Space orientation="vertical" size="small" className="full-width">
      {e.problems.map((p) => (
        <Alert key={p} type="error" showIcon title={inLanguage(p, lang)} />
      ))}
      {e.returned.length > 0 && line(t('sync.check.columns'), e.returned.join(', '))}
      {e.missingOptional.length > 0 && line(t('sync.check.optionalMissing'), e.missingOptional.join(', '))}
      {unused.length > 0 && line(t('sync.check.unused'), unused.join(', '))}
      {e.unmappedCodes.length > 0 && line(t('sync.check.unmapped'), e.unmappedCodes.map((c) => `${c.column}=${c.value} ×${c.count}`).join('; '))}
      {e.rejections.length > 0 &&
        line(t('sync.check.rejections'), e.rejections.map((r) => `${t(`sync.reasons.${r.reason}`, { defaultValue: r.reason })} ×${r.count}`).join('; '))}
      {e.flagged.length > 0 &&
        line(t('sync.check.flagged'), e.flagged.map((r) => `${t(`sync.reasons.${r.reason}`, { defaultValue: r.reason })} ×${r.count}`).join('; '))}
      {e.resolvedByStore > 0 && <Typography.Text type="secondary">{t('sync.check.resolved', { count: e.resolvedByStore })}</Typography.Text>}
      {e.samples.length > 0 && (
        <>
          <Typography.Text type="secondary">{t('sync.check.samples')}</Typography.Text>
          <pre className="his-check-samples">{e.samples.map((s) => JSON.stringify(s)).join('\n')}</pre>
        </>
      )}
    </Space>
  );
}

function Report({ r }: { r: HisCheckReport }) {
  const { t } = useTranslation();
  const problems = r.entities.reduce((n, e) => n + e.problems.length, 0);
  return (
    <Space orientation="vertical" size="middle" className="full-width" data-testid="his-check-report">
      <Alert type={r.ok ? 'success' : 'warning'} showIcon title={r.ok ? t('sync.check.ok') : t('sync.check.problems', { count: problems })} />
      <Typography.Text type="secondary">{t('sync.check.where', { profile: r.profile, dir: r.profileDir, source: r.source, at: r.checkedAt })}</Typography.Text>
      <div>
        <Typography.Text type="secondary">{t('sync.check.params')}: </Typography.Text>
        {Object.entries(r.params.formats).map(([k, f]) => (
          <Tag key={k}>
            :{k} = {r.params[k as 'since']} [{f}]
          </Tag>
        ))}
      </div>
      <Collapse
        size="small"
        defaultActiveKey={r.entities.filter((e) => e.problems.length).map((e) => e.entity)}
        items={r.entities.map((e) => ({
          key: e.entity,
          label: (
            <Space>
              {entityLabel(t, e.entity)}
              <Typography.Text type="secondary">{e.sqlFile}</Typography.Text>
              {e.error ? <Tag color="red">{t('sync.check.failed')}</Tag> : <Tag>{t('sync.check.rows', { count: e.rowsRead })}</Tag>}
              {e.truncated && <Typography.Text type="secondary">{t('sync.check.truncated')}</Typography.Text>}
              {e.problems.length > 0 ? <Tag color="orange">{e.problems.length}</Tag> : <Tag color="green">✓</Tag>}
            </Space>
          ),
          children: <EntityDetail e={e} />,
        }))}
      />
    </Space>
  );
}

/** The admin's 检查配置: the same check as `followup his check`, shown in a dialog. */
export function HisCheckButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [days, setDays] = useState(7);
  const check = useMutation({ mutationFn: (d: number) => api.call('sync.check', { days: d }) });
  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} onClick={() => setOpen(true)} data-testid="sync-check">
        {t('sync.check.button')}
      </Button>
      <Modal open={open} title={t('sync.check.title')} width={960} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <Space orientation="vertical" size="middle" className="full-width">
          <Typography.Text type="secondary">{t('sync.check.hint')}</Typography.Text>
          <Space>
            {t('sync.check.days')}
            <InputNumber min={1} max={366} value={days} onChange={(v) => setDays(v ?? 7)} />
            <Button type="primary" loading={check.isPending} onClick={() => check.mutate(days)} data-testid="sync-check-run">
              {t('sync.check.run')}
            </Button>
          </Space>
          {check.data && <Report r={check.data} />}
        </Space>
      </Modal>
    </>
  );
}
