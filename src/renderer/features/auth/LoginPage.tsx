import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/notices';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { useLogin } from './mutations';

interface Credentials {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const login = useLogin();

  return (
    <div className="login-page">
      <Card className="login-card" data-testid="login-card">
        <div className="login-head">
          <Typography.Title level={3}>{t('common.appName')}</Typography.Title>
          <LanguageSwitch />
        </div>
        <Form<Credentials> layout="vertical" requiredMark={false} onFinish={(values) => login.mutate(values)} disabled={login.isPending}>
          <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, message: t('auth.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoFocus autoComplete="username" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {login.error && (
            // The server's own words: it knows whether the account is locked or the password wrong.
            <Alert
              type="error"
              showIcon
              title={login.error.code === 'network' ? errorText(login.error, t) : login.error.message}
              className="login-error"
              data-testid="login-error"
            />
          )}
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('auth.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
