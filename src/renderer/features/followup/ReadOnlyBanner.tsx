import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../../shared/contract/followup';
import { useClaim } from '../queue/queries';
import { followupKeys } from './queries';

/** Why this screen cannot be edited, with a claim button when the task is still free. */
export function ReadOnlyBanner({ task }: { task: QueueRow }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const claim = useClaim();
  const closed = task.status !== 'pending' && task.status !== 'claimed';
  const text = closed
    ? t('followup.readOnly.closed', { status: t(`followup.status.${task.status}`) })
    : task.assignee
      ? t('followup.readOnly.others', { name: task.assignee.name })
      : t('followup.readOnly.unclaimed');
  return (
    <Alert
      type="info"
      showIcon
      className="fu-readonly"
      data-testid="read-only"
      title={text}
      action={
        task.status === 'pending' && (
          <Button
            size="small"
            type="primary"
            loading={claim.isPending}
            data-testid="claim-this"
            onClick={() => claim.mutate(task.id, { onSuccess: () => void qc.invalidateQueries({ queryKey: followupKeys.view(task.id) }) })}
          >
            {t('followup.claim')}
          </Button>
        )
      }
    />
  );
}
