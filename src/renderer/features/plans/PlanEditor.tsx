import { Alert, App, Button, Card, Form, Popconfirm, Space, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanDetail } from '../../../shared/contract/plans';
import type { PlanDefinitionInput } from '../../../shared/plans/schema';
import { navigate } from '../../app/router';
import { useTextIn } from '../../i18n/text-in';
import { ContentFields } from './ContentFields';
import { checkDefinition } from './definition';
import { GeneralFields } from './GeneralFields';
import { JsonView } from './JsonView';
import { PreviewPanel } from './PreviewPanel';
import { useActivatePlan, usePreview, useRetirePlan, useSavePlan } from './queries';
import { RulesFields } from './RulesFields';
import { TiersFields } from './TiersFields';
import { TracksFields, type QuestionnaireOption } from './TracksFields';

interface Props {
  /** null: a new plan from a template, not saved yet. */
  detail: PlanDetail | null;
  initial: PlanDefinitionInput;
  questionnaires: QuestionnaireOption[];
  onVersionSaved: (version: number) => void;
}

/**
 * One version of a plan as a form (JSON for the rest). A draft is edited in place; the live
 * version can be edited too, saving opens the next draft; retired versions are read-only.
 */
export function PlanEditor({ detail, initial, questionnaires, onVersionSaved }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const pick = useTextIn();
  const [form] = Form.useForm();
  const [base, setBase] = useState<unknown>(initial);
  const [formKey, setFormKey] = useState(0);
  const [tab, setTab] = useState('general');
  const [dirty, setDirty] = useState(false);
  const [issues, setIssues] = useState<string[]>([]);
  const [previewStale, setPreviewStale] = useState(false);
  const preview = usePreview();
  const save = useSavePlan();
  const activate = useActivatePlan();
  const retire = useRetirePlan();

  // A remounted form (applied JSON) keeps the shared instance's old store until reset to the
  // new initial values; child mounts run first, so the reset sees them.
  useEffect(() => form.resetFields(), [form, formKey]);

  const status = detail?.version.status;
  const editable = !detail || status === 'draft' || (status === 'active' && detail.plan.draftVersion === null);
  const current = () => (tab === 'json' ? base : { ...(base as object), ...form.getFieldsValue(true) });
  const checked = () => {
    const c = checkDefinition(current(), t, i18n.language);
    setIssues(c.ok ? [] : c.issues);
    return c.ok ? c.definition : null;
  };

  const onPreview = () => {
    const def = checked();
    if (def) preview.mutate(def, { onSuccess: () => setPreviewStale(false) });
  };
  const onSave = () => {
    const def = checked();
    if (!def) return;
    save.mutate(def, {
      onSuccess: (r) => {
        setDirty(false);
        void message.success(t('plans.saved', { n: r.version }));
        onVersionSaved(r.version);
        if (r.created) navigate({ name: 'plans', planId: r.planId });
      },
    });
  };
  const onTab = (key: string) => {
    // The JSON view starts from the form as it is now; the form restarts from applied JSON.
    if (key === 'json') setBase(current());
    setTab(key);
  };

  return (
    <Card
      size="small"
      className="plan-editor"
      data-testid="plan-editor"
      title={
        <Space>
          {detail ? pick(detail.plan.name, detail.plan.nameEn) : t('plans.newPlan')}
          {detail && (
            <Tag color={status === 'active' ? 'green' : status === 'draft' ? 'blue' : 'default'}>
              {t('plans.version', { n: detail.version.version })} {t(`plans.status.${status}`)}
            </Tag>
          )}
          {dirty && <Typography.Text type="warning">{t('plans.unsaved')}</Typography.Text>}
        </Space>
      }
      extra={
        <Space>
          <Button onClick={onPreview} loading={preview.isPending} data-testid="plan-preview-btn">
            {t('plans.actions.preview')}
          </Button>
          <Button type="primary" onClick={onSave} disabled={!editable} loading={save.isPending} data-testid="plan-save">
            {t('plans.actions.save')}
          </Button>
          {detail && status === 'draft' && (
            <Popconfirm
              title={t('plans.actions.activateConfirm')}
              onConfirm={() =>
                activate.mutate(
                  { planId: detail.plan.id, version: detail.version.version },
                  { onSuccess: () => void message.success(t('plans.activated', { n: detail.version.version })) },
                )
              }
            >
              <Button disabled={dirty} loading={activate.isPending} data-testid="plan-activate">
                {t('plans.actions.activate')}
              </Button>
            </Popconfirm>
          )}
          {detail && !detail.plan.retired && (
            <Popconfirm
              title={t('plans.actions.retireConfirm')}
              onConfirm={() => retire.mutate(detail.plan.id, { onSuccess: () => void message.success(t('plans.retiredDone')) })}
            >
              <Button danger loading={retire.isPending} data-testid="plan-retire">
                {t('plans.actions.retire')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      {!editable && <Alert type="info" showIcon title={t('plans.readOnly')} className="plan-note" />}
      {editable && status === 'active' && <Alert type="warning" showIcon title={t('plans.liveNote')} className="plan-note" />}
      {issues.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="plan-note"
          title={t('plans.invalid')}
          data-testid="plan-issues"
          description={
            <ul className="plan-warnings">
              {issues.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
          }
        />
      )}
      <Form
        key={formKey}
        form={form}
        layout="vertical"
        size="small"
        disabled={!editable}
        initialValues={base as object}
        onValuesChange={() => {
          setDirty(true);
          setPreviewStale(true);
        }}
        className="plan-form"
      >
        <Tabs
          activeKey={tab}
          onChange={onTab}
          items={[
            { key: 'general', label: t('plans.tabs.general'), children: <GeneralFields isNew={!detail} />, forceRender: true },
            { key: 'rules', label: t('plans.tabs.rules'), children: <RulesFields />, forceRender: true },
            { key: 'tracks', label: t('plans.tabs.tracks'), children: <TracksFields questionnaires={questionnaires} />, forceRender: true },
            { key: 'content', label: t('plans.tabs.content'), children: <ContentFields />, forceRender: true },
            { key: 'tiers', label: t('tiers.tab'), children: <TiersFields questionnaires={questionnaires} />, forceRender: true },
            {
              key: 'json',
              label: t('plans.tabs.json'),
              children: tab === 'json' && (
                <JsonView
                  value={base}
                  disabled={!editable}
                  onApply={(v) => {
                    setBase(v);
                    setFormKey((k) => k + 1);
                    setDirty(true);
                    setPreviewStale(true);
                    void message.success(t('plans.json.applied'));
                  }}
                />
              ),
            },
          ]}
        />
      </Form>
      <PreviewPanel preview={preview.data} stale={previewStale} loading={preview.isPending} />
    </Card>
  );
}
