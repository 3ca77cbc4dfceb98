import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../shared/model';
import { navigate } from '../../app/router';
import { noActivePlan } from './no-plan';
import { usePlanOptions } from './queries';

/** Says why the queue is empty when no plan is live, and who can change that. */
export function NoPlanHint({ role, queueEmpty }: { role: Role; queueEmpty: boolean }) {
  const { t } = useTranslation();
  const plans = usePlanOptions();
  if (!queueEmpty || !noActivePlan(plans.data)) return null;
  const editor = role === 'head' || role === 'admin';
  return (
    <Alert
      type="info"
      showIcon
      className="queue-no-plan"
      data-testid="queue-no-plan"
      title={t('queue.noPlan.title')}
      description={t(editor ? 'queue.noPlan.editor' : 'queue.noPlan.nurse')}
      action={
        editor ? (
          <Button size="small" onClick={() => navigate({ name: 'plans' })}>
            {t('queue.noPlan.open')}
          </Button>
        ) : undefined
      }
    />
  );
}
