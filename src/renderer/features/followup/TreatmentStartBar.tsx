import { App, Button, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TreatmentStartInfo } from '../../../shared/contract/treatment-start';
import { errorText } from '../../api/notices';
import { useSetTreatmentStart } from './queries-treatment';
import './treatment-i18n';

/**
 * 治疗开始日 of the task's enrolment: the date, where it came from (a HIS stay, or who entered
 * it) and a way to change it. A change moves the open tasks counted from it; done ones stay.
 */
export function TreatmentStartBar({ info, taskId }: { info: TreatmentStartInfo; taskId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const set = useSetTreatmentStart(taskId);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(info.date ?? '');
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const save = (date: string | null) =>
    set.mutate(
      { enrolmentId: info.enrolmentId, date },
      {
        onSuccess: (r) => {
          setEditing(false);
          void message.success(t('treatment.saved', { n: r.moved }));
        },
        onError: (err) => void message.error(errorText(err, t)),
      },
    );
  const e = info.encounter;
  const source =
    info.source === 'manual'
      ? t('treatment.manual', { by: info.setBy ?? '—', at: (info.setAt ?? '').slice(0, 16) })
      : info.source === 'his' && e
        ? t('treatment.his', {
            kind: t(`treatment.kinds.${e.kind}`, { defaultValue: e.kind }),
            date: e.date,
            dept: e.deptName ? ` · ${e.deptName}` : '',
            diag: [e.diagCode, e.diagName].filter(Boolean).join(' '),
          })
        : info.rule
          ? t('treatment.waiting', { kind: t(`treatment.kinds.${info.rule.encounterKind}`), codes: info.rule.icd10.join(' / ') })
          : '';
  return (
    <div className="fu-treatment-start" data-testid="treatment-start" data-date={info.date ?? ''} data-source={info.source ?? ''}>
      <Space wrap size="small">
        <Typography.Text strong>{t('treatment.label')}</Typography.Text>
        {editing ? (
          <>
            <Input
              size="small"
              value={text}
              placeholder="YYYY-MM-DD"
              maxLength={10}
              status={text && !valid ? 'error' : undefined}
              onChange={(ev) => setText(ev.target.value.trim())}
              onPressEnter={() => valid && save(text)}
              className="fu-treatment-input"
              data-testid="treatment-start-input"
            />
            <Button size="small" type="primary" disabled={!valid} loading={set.isPending} onClick={() => save(text)} data-testid="treatment-start-save">
              {t('treatment.save')}
            </Button>
            <Button size="small" onClick={() => setEditing(false)}>
              {t('treatment.cancel')}
            </Button>
            {text && !valid && <Typography.Text type="danger">{t('treatment.badDate')}</Typography.Text>}
          </>
        ) : (
          <>
            <Typography.Text data-testid="treatment-start-date">{info.date ?? t('treatment.unknown')}</Typography.Text>
            <Typography.Text type="secondary" data-testid="treatment-start-source">
              {source}
            </Typography.Text>
            <Button size="small" type="link" onClick={() => setEditing(true)} data-testid="treatment-start-edit">
              {t('treatment.edit')}
            </Button>
            {info.source === 'manual' && info.rule && (
              <Button size="small" type="link" loading={set.isPending} onClick={() => save(null)} data-testid="treatment-start-his">
                {t('treatment.useHis')}
              </Button>
            )}
          </>
        )}
      </Space>
    </div>
  );
}
