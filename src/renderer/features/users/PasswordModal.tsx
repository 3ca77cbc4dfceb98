import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, type UserSummary } from '../../../shared/contract/users';
import { useUserMutation } from './queries';
import { showOnForm } from './server-errors';

interface Values {
  password: string;
  confirm: string;
}

/** The admin sets a new password for a user (who forgot hers); all her sessions end. */
export function PasswordModal({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const reset = useUserMutation('users.resetPassword', true);
  const policy = t('users.password.policy', { min: MIN_PASSWORD_LENGTH });

  const submit = (v: Values) =>
    reset.mutate(
      { userId: user.id, password: v.password },
      {
        onSuccess: ({ sessionsEnded }) => {
          void message.success(t('users.passwordReset', { name: user.displayName, count: sessionsEnded }));
          onClose();
        },
        onError: (err) => showOnForm(form, ['password'], err, t),
      },
    );

  return (
    <Modal
      open
      title={t('users.password.title', { name: user.displayName })}
      okText={t('users.password.ok')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: reset.isPending, 'data-testid': 'password-form-ok' }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={policy} description={t('users.password.sessionsEnd')} className="users-policy" />
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="password-form">
        <Form.Item
          name="password"
          label={t('users.password.new')}
          rules={[
            { required: true, message: t('users.form.passwordRequired') },
            { min: MIN_PASSWORD_LENGTH, message: policy },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={MAX_PASSWORD_LENGTH} data-testid="password-form-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('users.password.confirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('users.form.passwordRequired') },
            ({ getFieldValue }) => ({
              validator: (_rule, value) =>
                !value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('users.password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={MAX_PASSWORD_LENGTH} data-testid="password-form-confirm" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
