import { ArrowLeftOutlined, QuestionCircleOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QueueRow, WarningColour } from '../../../shared/contract/followup';
import { genderLabel } from '../../app/codes';
import { navigate } from '../../app/router';
import { ColourTag } from '../queue/ColourTag';
import { DueText } from '../queue/DueText';
import { CycleTag } from '../queue/CycleTag';
import type { DraftState } from './useDraft';
import { inLanguage } from '../../../shared/bilingual';
import { useLang, usePointText } from '../../i18n/text-in';

interface Props {
  task: QueueRow;
  colour: WarningColour | null;
  draft: DraftState;
  editable: boolean;
  onRelease: () => void;
  onHelp: () => void;
}

/** Who, which plan point, how late, the live warning colour and whether the draft is safe. */
export function FollowupHeader({ task, colour, draft, editable, onRelease, onHelp }: Props) {
  const { t } = useTranslation();
  const names = usePointText()(task);
  const lang = useLang();
  const reason = task.priorityReason === null ? null : inLanguage(task.priorityReason, lang);
  return (
    <div className="fu-header" data-testid="followup-header" data-task-id={task.id}>
      <Space size="middle" wrap className="fu-header-main">
        <Typography.Title level={4} className="fu-name" data-testid="fu-patient-name">
          {task.patientName}
        </Typography.Title>
        <span>{genderLabel(t, task.genderCode)}</span>
        {task.age !== null && <span>{t('queue.age', { age: task.age })}</span>}
        <ColourTag colour={colour} size="large" />
        {task.critical && (
          <Tag color="red" variant="solid" className="queue-reason" title={reason ?? undefined}>
            {reason ?? t('queue.critical')}
          </Tag>
        )}
        {task.missedCall && (
          <Tag color="gold" data-testid="fu-missed-call">
            {t('queue.missedCall', { at: task.missedCall.at.slice(5, 16), number: task.missedCall.number })}
          </Tag>
        )}
        <span className="fu-point">
          <Typography.Text strong data-testid="fu-point">
            {names.point ?? names.track}
          </Typography.Text>
          <CycleTag n={task.cycleNo} />
          <Typography.Text type="secondary">
            {' '}
            · {names.plan}
            {task.deptName ? ` · ${task.deptName}` : ''}
          </Typography.Text>
        </span>
        <Tooltip title={t('followup.window', { from: task.windowStart, to: task.windowEnd })}>
          <span>
            <DueText dueDate={task.dueDate} overdueDays={task.overdueDays} />
          </span>
        </Tooltip>
        {task.retryCount > 0 && <Typography.Text type="warning">{t('followup.attempt', { n: task.retryCount + 1, max: task.maxAttempts })}</Typography.Text>}
      </Space>
      <Space size="small">
        <span className={`fu-draft fu-draft-${draft.status}`} data-testid="draft-status" data-state={draft.status}>
          {draft.status !== 'idle' && t(`followup.draft.${draft.status}`, { at: draft.savedAt ?? '' })}
        </span>
        <Button icon={<QuestionCircleOutlined />} onClick={onHelp} data-testid="shortcut-help">
          {t('followup.help')}
        </Button>
        {editable && (
          <Button icon={<RollbackOutlined />} onClick={onRelease} data-testid="release">
            {t('followup.release')}
          </Button>
        )}
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate({ name: 'queue' })} data-testid="back-to-queue">
          {t('followup.back')}
        </Button>
      </Space>
    </div>
  );
}
