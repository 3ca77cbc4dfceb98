import { Alert, Segmented, Skeleton, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanDefinitionInput } from '../../../shared/plans/schema';
import { errorText } from '../../api/notices';
import { navigate } from '../../app/router';
import { CreateModal } from './CreateModal';
import { questionnaireIds } from './definition';
import { PlanEditor } from './PlanEditor';
import { PlanList } from './PlanList';
import { usePlan, useQuestionnaires, useTemplates } from './queries';
import './i18n';
import './plans.css';

/** Route #/plans[/<id>]: the list on the left, the chosen plan's version on the right. */
export function PlansPage({ planId }: { planId: number | null }) {
  const { t, i18n } = useTranslation();
  const [showRetired, setShowRetired] = useState(false);
  const [creating, setCreating] = useState(false);
  const [draft, setDraft] = useState<PlanDefinitionInput | null>(null);
  const [version, setVersion] = useState<{ planId: number | null; n?: number }>({ planId });
  const wanted = version.planId === planId ? version.n : undefined;
  const plan = usePlan(draft ? null : planId, wanted);
  const templates = useTemplates();
  const installed = useQuestionnaires();
  const zh = i18n.language.startsWith('zh');
  // Installed questionnaires by title; an id a template names that is not installed shows as itself.
  const questionnaires = useMemo(() => {
    const byId = new Map((installed.data ?? []).map((q) => [q.id, { id: q.id, title: zh ? q.title : q.titleEn }]));
    for (const id of questionnaireIds((templates.data ?? []).map((x) => x.definition))) if (!byId.has(id)) byId.set(id, { id, title: id });
    return [...byId.values()];
  }, [installed.data, templates.data, zh]);
  const detail = plan.data;

  return (
    <div className="plans-page" data-testid="plans-page">
      <PlanList
        selected={planId}
        showRetired={showRetired}
        onShowRetired={setShowRetired}
        onCreate={() => setCreating(true)}
        onSelect={(id) => {
          setDraft(null);
          navigate({ name: 'plans', planId: id });
        }}
      />
      <div className="plan-main">
        {draft && <PlanEditor key="new" detail={null} initial={draft} questionnaires={questionnaires} onVersionSaved={() => setDraft(null)} />}
        {!draft && planId !== null && plan.isLoading && <Skeleton active />}
        {!draft && plan.isError && <Alert type="error" showIcon title={errorText(plan.error, t)} />}
        {!draft && detail && (
          <Space orientation="vertical" className="full-width">
            <Space wrap>
              <Segmented<number>
                value={detail.version.version}
                onChange={(n) => setVersion({ planId, n })}
                options={detail.versions.map((v) => ({ value: v.version, label: `v${v.version} ${t(`plans.status.${v.status}`)}` }))}
                aria-label={t('plans.versions')}
                data-testid="plan-versions"
              />
              <Typography.Text type="secondary">
                {t('plans.versionInfo', { by: detail.version.createdBy ?? '—', at: detail.version.createdAt.slice(0, 16), n: detail.version.enrolments })}
              </Typography.Text>
            </Space>
            <PlanEditor
              key={`${detail.plan.id}-${detail.version.version}-${detail.version.status}`}
              detail={detail}
              initial={detail.definition}
              questionnaires={questionnaires}
              onVersionSaved={(n) => setVersion({ planId, n })}
            />
          </Space>
        )}
      </div>
      <CreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreate={(def) => {
          setDraft(def);
          setCreating(false);
        }}
      />
    </div>
  );
}
