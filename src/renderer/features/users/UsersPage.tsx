import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../shared/contract/users';
import type { User } from '../../../shared/model';
import { useDepartments } from '../departments/queries';
import { PasswordModal } from './PasswordModal';
import { useUserMutation, useUsers } from './queries';
import { UserFormModal } from './UserFormModal';
import './i18n';
import './users.css';

type Dialog = { kind: 'add' } | { kind: 'edit'; user: UserSummary } | { kind: 'password'; user: UserSummary } | null;

function Status({ user }: { user: UserSummary }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={user.active ? 'success' : 'default'} data-testid="user-status" data-active={String(user.active)}>
        {user.active ? t('users.active') : t('users.disabled')}
      </Tag>
      {user.lockedUntil && (
        <Tag color="warning" data-testid="user-locked">
          {t('users.lockedUntil', { time: user.lockedUntil.slice(5, 16) })}
        </Tag>
      )}
    </Space>
  );
}

/**
 * The admin's users: add, edit (name, role, departments), new password, disable/enable, unlock.
 * Nobody is deleted. The list comes sorted by the pinyin of the names.
 */
export function UsersPage({ me }: { me: User }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const users = useUsers();
  const departments = useDepartments();
  const update = useUserMutation('users.update');
  const unlock = useUserMutation('users.unlock');
  const [dialog, setDialog] = useState<Dialog>(null);
  const deptName = new Map((departments.data ?? []).map((d) => [d.id, d.name]));

  const setActive = (u: UserSummary, active: boolean) =>
    update.mutate(
      { userId: u.id, active },
      { onSuccess: () => void message.success(t(active ? 'users.enabledDone' : 'users.disabledDone', { name: u.displayName })) },
    );

  const columns: ColumnsType<UserSummary> = [
    { title: t('users.col.username'), dataIndex: 'username', width: 150, render: (v: string, u) => (u.id === me.id ? `${v}${t('users.you')}` : v) },
    { title: t('users.col.name'), dataIndex: 'displayName', width: 130 },
    { title: t('users.col.role'), dataIndex: 'role', width: 130, render: (r: UserSummary['role']) => <Tag>{t(`nav.role.${r}`)}</Tag> },
    {
      title: t('users.col.depts'),
      key: 'depts',
      render: (_, u) => (
        <span data-testid="user-depts">
          {u.deptIds.map((id) => (
            <Tag key={id}>{deptName.get(id) ?? `#${id}`}</Tag>
          ))}
        </span>
      ),
    },
    { title: t('users.col.status'), key: 'status', width: 200, render: (_, u) => <Status user={u} /> },
    { title: t('users.col.lastSignIn'), dataIndex: 'lastSignInAt', width: 150, render: (v: string | null) => (v ? v.slice(0, 16) : t('users.never')) },
    {
      title: t('users.col.action'),
      key: 'action',
      width: 300,
      render: (_, u) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user: u })} data-testid="user-edit">
            {t('users.edit')}
          </Button>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'password', user: u })} data-testid="user-reset-password">
            {t('users.resetPassword')}
          </Button>
          <Popconfirm
            title={t(u.active ? 'users.confirmDisable' : 'users.confirmEnable', { name: u.displayName })}
            onConfirm={() => setActive(u, !u.active)}
            okButtonProps={{ danger: u.active, 'data-testid': 'user-active-confirm' }}
          >
            {/* Her own account cannot be disabled; the server refuses it too. */}
            <Button type="link" size="small" danger={u.active} disabled={u.id === me.id && u.active} data-testid="user-toggle-active">
              {u.active ? t('users.disable') : t('users.enable')}
            </Button>
          </Popconfirm>
          {u.lockedUntil && (
            <Button
              type="link"
              size="small"
              onClick={() => unlock.mutate({ userId: u.id }, { onSuccess: () => void message.success(t('users.unlocked', { name: u.displayName })) })}
              data-testid="user-unlock"
            >
              {t('users.unlock')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('users.title')}
      data-testid="users-page"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void users.refetch()} loading={users.isFetching}>
            {t('users.refresh')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'add' })} data-testid="user-add">
            {t('users.add')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('users.hint')}</Typography.Paragraph>
      <Table<UserSummary>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={users.data ?? []}
        loading={users.isFetching}
        pagination={false}
        rowClassName={(u) => (u.active ? '' : 'user-disabled')}
        onRow={(u) => ({ 'data-testid': 'user-row', 'data-username': u.username }) as HTMLAttributes<HTMLElement>}
        data-testid="users-table"
      />
      {dialog?.kind === 'add' && <UserFormModal user={null} self={false} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <UserFormModal user={dialog.user} self={dialog.user.id === me.id} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'password' && <PasswordModal user={dialog.user} onClose={() => setDialog(null)} />}
    </Card>
  );
}
