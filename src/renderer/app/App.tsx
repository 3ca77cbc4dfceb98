import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { onUnauthenticated } from '../api/client';
import { errorText } from '../api/notices';
import { LoginPage } from '../features/auth/LoginPage';
import { authKeys, useMe } from '../features/auth/queries';
import { AppShell } from './AppShell';

export function App() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();

  useEffect(
    () =>
      onUnauthenticated(() => {
        qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
        qc.setQueryData(authKeys.me, { user: null });
      }),
    [qc],
  );

  if (me.isPending) return <Spin size="large" className="app-loading" />;
  if (me.isError) {
    return (
      <Alert
        type="error"
        showIcon
        className="app-error"
        title={errorText(me.error, t)}
        action={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!me.data.user) return <LoginPage />;
  return <AppShell user={me.data.user} />;
}
