import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { inLanguage } from '../../../shared/bilingual';
import { errorText } from '../../api/notices';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { useLang } from '../../i18n/text-in';
import { useLogin } from './mutations';

interface Credentials {
  username: string;
  password: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const login = useLogin();
  const lang = useLang();

  return (
    <div className="login-page">
      <Card className="login-card" data-testid="login-card">
        <div className="login-head">
          <Typography.Title level={3}>{t('common.appName')}</Typography.Title>
          <LanguageSwitch />
        </div>
        <Form<Credentials> layout="vertical" requiredMark={false} onFinish={(values) => login.mutate(values)} disabled={login.isPending}>
          <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, message: t('auth.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoFocus autoComplete="username" maxLength={64} data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={256} data-testid="login-password" />
          </Form.Item>
          {login.error && (
            // A refused sign-in in the server's own words (it knows whether the account is locked or the password wrong).
            <Alert
              type="error"
              showIcon
              title={login.error.code === 'unauthenticated' ? inLanguage(login.error.message, lang) : errorText(login.error, t)}
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
