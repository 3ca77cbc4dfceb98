import { App, Button, Card, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../shared/contract/reports';
import { useDepartments } from '../departments/queries';
import { useSetDepartments, useUsers } from './queries';
import './i18n';
import '../charts/head-pages.css';

function DeptCell({ user }: { user: UserSummary }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const departments = useDepartments();
  const save = useSetDepartments();
  const [value, setValue] = useState<number[]>(user.deptIds);
  const dirty = value.length !== user.deptIds.length || value.some((id) => !user.deptIds.includes(id));
  return (
    <span className="user-depts" data-testid="user-depts" data-username={user.username}>
      <Select
        mode="multiple"
        allowClear
        value={value}
        onChange={setValue}
        placeholder={t('users.deptsPlaceholder')}
        optionFilterProp="label"
        options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name, disabled: !d.active && !value.includes(d.id) }))}
        className="user-depts-select"
        data-testid="user-depts-select"
      />
      <Button
        type="primary"
        size="small"
        disabled={!dirty}
        loading={save.isPending}
        onClick={() =>
          save.mutate({ userId: user.id, deptIds: value }, { onSuccess: () => void message.success(t('users.saved', { name: user.displayName })) })
        }
        data-testid="user-depts-save"
      >
        {t('users.save')}
      </Button>
    </span>
  );
}

/** The admin assigns departments to users; a head's statistics are scoped to them. */
export function UsersPage() {
  const { t } = useTranslation();
  const users = useUsers();
  const columns: ColumnsType<UserSummary> = [
    { title: t('users.username'), dataIndex: 'username', width: 140 },
    { title: t('users.name'), dataIndex: 'displayName', width: 140 },
    { title: t('users.role'), dataIndex: 'role', width: 130, render: (r: UserSummary['role']) => <Tag>{t(`nav.role.${r}`)}</Tag> },
    // Keyed by the saved list so a save (or a refetch) resets the editor to what the server holds.
    { title: t('users.depts'), key: 'depts', render: (_, u) => <DeptCell key={u.deptIds.join(',')} user={u} /> },
  ];
  return (
    <Card size="small" title={t('users.title')} data-testid="users-page">
      <Typography.Paragraph type="secondary">{t('users.hint')}</Typography.Paragraph>
      <Table<UserSummary>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={users.data ?? []}
        loading={users.isFetching}
        pagination={false}
        data-testid="users-table"
      />
    </Card>
  );
}
