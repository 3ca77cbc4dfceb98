import { Alert, Button, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/notices';
import { navigate } from '../../app/router';
import { useFollowupView } from './queries';
import { Workspace } from './Workspace';
import './i18n';
import './followup.css';

/** Route #/followup/<taskId>: loads the task fresh, then hands it to a workspace made for it. */
export function FollowupPage({ taskId }: { taskId: number }) {
  const { t } = useTranslation();
  const view = useFollowupView(taskId);
  if (view.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={errorText(view.error, t)}
        action={<Button onClick={() => navigate({ name: 'queue' })}>{t('followup.back')}</Button>}
      />
    );
  // Only an answer fetched for this visit: a cached one could hold answers older than the draft.
  if (!view.data || !view.isFetchedAfterMount) return <Skeleton active aria-label={t('followup.loading')} />;
  return <Workspace key={`${taskId}-${view.data.editable}`} view={view.data} />;
}
