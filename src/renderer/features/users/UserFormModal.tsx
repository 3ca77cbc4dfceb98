import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, type UserSummary } from '../../../shared/contract/users';
import type { Role } from '../../../shared/model';
import { useDepartments } from '../departments/queries';
import { departmentSearch } from '../departments/search';
import { useUserMutation } from './queries';
import { showOnForm } from './server-errors';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  deptIds: number[];
  password: string;
}

const ROLES: Role[] = ['nurse', 'head', 'admin'];
const USERNAME = /^[A-Za-z0-9._@-]+$/;

/** Adds a user (no `user`) or edits one: name, role, departments. A new user gets her first password here. */
export function UserFormModal({ user, self, onClose }: { user: UserSummary | null; self: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const departments = useDepartments();
  const create = useUserMutation('users.create', true);
  const update = useUserMutation('users.update');
  const setDepts = useUserMutation('users.setDepartments');
  const adding = user === null;

  const submit = async (v: Values) => {
    try {
      if (adding) {
        await create.mutateAsync({ username: v.username.trim(), displayName: v.displayName.trim(), role: v.role, deptIds: v.deptIds, password: v.password });
        void message.success(t('users.created', { name: v.displayName.trim() }));
      } else {
        if (v.displayName.trim() !== user.displayName || v.role !== user.role)
          await update.mutateAsync({ userId: user.id, displayName: v.displayName.trim(), role: v.role });
        const same = v.deptIds.length === user.deptIds.length && v.deptIds.every((id) => user.deptIds.includes(id));
        if (!same) await setDepts.mutateAsync({ userId: user.id, deptIds: v.deptIds });
        void message.success(t('users.saved', { name: v.displayName.trim() }));
      }
      onClose();
    } catch (err) {
      // Edits report their errors as notices (the mutations are not silent); a new user's on the form.
      if (adding) showOnForm(form, ['username', 'password'], err, t);
    }
  };

  const selected = Form.useWatch('deptIds', form) ?? [];
  return (
    <Modal
      open
      title={adding ? t('users.form.addTitle') : t('users.form.editTitle', { name: user.displayName })}
      okText={t('users.form.ok')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: create.isPending || update.isPending || setDepts.isPending, 'data-testid': 'user-form-ok' }}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={adding ? { role: 'nurse', deptIds: [] } : { displayName: user.displayName, role: user.role, deptIds: user.deptIds }}
        onFinish={(v) => void submit(v)}
        data-testid="user-form"
      >
        {adding && (
          <Form.Item
            name="username"
            label={t('users.form.username')}
            extra={t('users.form.usernameHint')}
            rules={[
              { required: true, whitespace: true, message: t('users.form.usernameRequired') },
              { pattern: USERNAME, message: t('users.form.usernameInvalid') },
              { max: 64 },
            ]}
          >
            <Input autoComplete="off" maxLength={64} data-testid="user-form-username" />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('users.form.name')}
          rules={[{ required: true, whitespace: true, message: t('users.form.nameRequired') }, { max: 64 }]}
        >
          <Input maxLength={64} data-testid="user-form-name" />
        </Form.Item>
        <Form.Item name="role" label={t('users.form.role')} rules={[{ required: true }]}>
          <Select
            data-testid="user-form-role"
            options={ROLES.map((r) => ({ value: r, label: t(`nav.role.${r}`) }))}
            // She may not take away her own admin role; the server refuses it too.
            disabled={self}
          />
        </Form.Item>
        <Form.Item name="deptIds" label={t('users.form.depts')}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('users.form.deptsPlaceholder')}
            loading={departments.isLoading}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name, disabled: !d.active && !selected.includes(d.id) }))}
            showSearch={departmentSearch(departments.data)}
            data-testid="user-form-depts"
          />
        </Form.Item>
        {adding && (
          <Form.Item
            name="password"
            label={t('users.form.password')}
            extra={t('users.password.policy', { min: MIN_PASSWORD_LENGTH })}
            rules={[
              { required: true, message: t('users.form.passwordRequired') },
              { min: MIN_PASSWORD_LENGTH, message: t('users.password.policy', { min: MIN_PASSWORD_LENGTH }) },
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={MAX_PASSWORD_LENGTH} data-testid="user-form-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
