import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../shared/model';
import { useLogout } from '../features/auth/mutations';
import { FinderPage } from '../features/finder/FinderPage';
import { useTaskChanges } from '../features/queue/queries';
import { HeadPages, headMenuItems, headMenuKey, headRouteOf, landingRoute } from './HeadRoutes';
import { PhonePage, RegistrationBadge, Softphone, SoftphoneProvider } from '../features/softphone';
import { SyncPage } from '../features/sync/SyncPage';
import { TimelineDrawer } from '../features/timeline/TimelineDrawer';
import { LanguageSwitch } from './LanguageSwitch';
import { navigate, useRoute } from './router';
import { WorkPages, workMenuItems, workMenuKey, workRouteOf } from './WorkRoutes';

export function AppShell({ user }: { user: User }) {
  const { t } = useTranslation();
  const route = useRoute();
  const logout = useLogout();
  const canSeeSync = user.role === 'admin' || user.role === 'head';
  const onSync = route.name === 'sync' && canSeeSync;
  const onPhone = route.name === 'phone';
  const onWork = workMenuKey(route) !== null;
  const onHead = headMenuKey(route, user) !== null;
  useTaskChanges();

  // Signed in at the bare address (no screen in the hash): a head lands on her dashboard.
  useEffect(() => {
    const landing = landingRoute(user);
    if (landing && !window.location.hash.replace(/^#\/?/, '')) navigate(landing);
  }, [user]);

  const items = [
    { key: 'finder', label: t('nav.finder'), 'data-testid': 'nav-finder' },
    ...workMenuItems(user, t),
    ...headMenuItems(user, t),
    ...(canSeeSync ? [{ key: 'sync', label: t('nav.sync'), 'data-testid': 'nav-sync' }] : []),
    { key: 'phone', label: t('softphone.nav'), 'data-testid': 'nav-phone' },
  ];

  return (
    <SoftphoneProvider user={user}>
      <Layout className="app-layout">
        <Layout.Header className="app-header">
          <Typography.Text strong className="app-title">
            {t('common.appName')}
          </Typography.Text>
          <Menu
            mode="horizontal"
            theme="dark"
            selectedKeys={[workMenuKey(route) ?? headMenuKey(route, user) ?? (onPhone ? 'phone' : onSync ? 'sync' : 'finder')]}
            items={items}
            onClick={({ key }) =>
              navigate(workRouteOf(key) ?? headRouteOf(key) ?? (key === 'sync' ? { name: 'sync' } : key === 'phone' ? { name: 'phone' } : { name: 'finder' }))
            }
            className="app-menu"
          />
          <Space size="middle" className="app-user">
            <RegistrationBadge onOpen={() => navigate({ name: 'phone' })} />
            <LanguageSwitch />
            <span data-testid="current-user">
              <UserOutlined /> {user.displayName}
            </span>
            <Tag data-testid="current-role">{t(`nav.role.${user.role}`)}</Tag>
            <Button
              type="text"
              size="small"
              icon={<LogoutOutlined />}
              loading={logout.isPending}
              onClick={() => logout.mutate()}
              className="logout"
              data-testid="logout"
            >
              {t('nav.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="app-content">
          {/* The finder stays mounted under the sync page and the drawer so its filters,
            page and scroll survive a detour. */}
          <div hidden={onSync || onPhone || onWork || onHead}>
            <FinderPage />
          </div>
          {onSync && <SyncPage role={user.role} />}
          {onPhone && <PhonePage />}
          <WorkPages route={route} user={user} />
          <HeadPages route={route} user={user} />
          <Softphone />
          <TimelineDrawer patientId={route.name === 'patient' ? route.patientId : null} onClose={() => navigate({ name: 'finder' })} />
        </Layout.Content>
      </Layout>
    </SoftphoneProvider>
  );
}
