import { SoundOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Form, Input, Select, Space } from 'antd';
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isWsUrl, type SaveAccountInput, type SipAccountPublic } from '../../../shared/contract/calls';
import { meterLevel, TonePlayer } from './audio';
import { DEFAULT_DEVICE, openMic, type DeviceInfo } from './devices';
import { HeadsetButtonsCard } from './HeadsetButtons';
import { ProviderChoice } from './ProviderChoice';
import { useAccount, useSaveAccount } from './queries';
import { useSoftphoneController, useSoftphoneSelector } from './SoftphoneProvider';

interface FormValues {
  wsUrl: string;
  user: string;
  password?: string;
  domain: string;
  displayName?: string;
  iceServers?: string;
}

const originOf = (url: string | undefined) => {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
};

function toInput(v: FormValues): SaveAccountInput {
  const ice = (v.iceServers ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return {
    wsUrl: v.wsUrl.trim(),
    user: v.user.trim(),
    domain: v.domain.trim(),
    displayName: v.displayName?.trim() ?? '',
    ...(v.password ? { password: v.password } : {}),
    // One server per line: "turn:host user credential" or just the URL.
    iceServers: ice.map((l) => {
      const [urls, username, credential] = l.split(/\s+/);
      return { urls, ...(username ? { username } : {}), ...(credential ? { credential } : {}) };
    }),
  };
}

const fromAccount = (a: SipAccountPublic | null | undefined): Partial<FormValues> =>
  a
    ? {
        wsUrl: a.wsUrl,
        user: a.user,
        domain: a.domain,
        displayName: a.displayName,
        iceServers: a.iceServers.map((s) => [s.urls, s.username].filter(Boolean).join(' ')).join('\n'),
      }
    : {};

function AccountForm() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const account = useAccount();
  const save = useSaveAccount();
  const controller = useSoftphoneController();
  const [form] = Form.useForm<FormValues>();
  useEffect(() => form.setFieldsValue(fromAccount(account.data)), [account.data, form]);

  const onFinish = async (v: FormValues) => {
    const before = originOf(account.data?.wsUrl);
    await save.mutateAsync(toInput(v));
    // The CSP (connect-src) is built from the saved server when the page loads.
    if (before !== originOf(v.wsUrl)) {
      void message.info(t('softphone.settings.reloadNeeded'));
      setTimeout(() => window.location.reload(), 800);
      return;
    }
    void message.success(t('softphone.settings.saved'));
    form.setFieldValue('password', '');
    void controller.start();
  };

  return (
    <Card size="small" title={t('softphone.settings.account')} data-testid="sip-account">
      <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)} className="softphone-account" requiredMark={false}>
        {/* The contract's limits (shared/contract/calls.ts), checked here so the field says what is wrong. */}
        <Form.Item
          name="wsUrl"
          label={t('softphone.settings.wsUrl')}
          extra={t('softphone.settings.wsUrlHint')}
          rules={[
            { required: true },
            { validator: async (_, v?: string) => (!v || isWsUrl(v) ? undefined : Promise.reject(new Error(t('softphone.settings.wsUrlInvalid')))) },
          ]}
        >
          <Input data-testid="sip-ws-url" autoComplete="off" maxLength={256} />
        </Form.Item>
        <Space size="middle" wrap>
          <Form.Item
            name="user"
            label={t('softphone.settings.user')}
            rules={[{ required: true }, { pattern: /^\s*[A-Za-z0-9_.!~*'()&=+$,;?/-]+\s*$/, message: t('softphone.settings.userInvalid') }]}
          >
            <Input data-testid="sip-user" autoComplete="off" maxLength={64} />
          </Form.Item>
          <Form.Item name="password" label={t('softphone.settings.password')} rules={[{ required: !account.data }]}>
            <Input.Password
              maxLength={256}
              data-testid="sip-password"
              autoComplete="new-password"
              placeholder={account.data ? t('softphone.settings.passwordKeep') : undefined}
            />
          </Form.Item>
        </Space>
        <Space size="middle" wrap>
          <Form.Item
            name="domain"
            label={t('softphone.settings.domain')}
            rules={[{ required: true }, { pattern: /^\s*[A-Za-z0-9.-]+(:\d{1,5})?\s*$/, message: t('softphone.settings.domainInvalid') }]}
          >
            <Input data-testid="sip-domain" autoComplete="off" maxLength={128} />
          </Form.Item>
          <Form.Item name="displayName" label={t('softphone.settings.displayName')}>
            <Input data-testid="sip-display-name" maxLength={64} />
          </Form.Item>
        </Space>
        <Form.Item name="iceServers" label={t('softphone.settings.iceServers')}>
          <Input.TextArea rows={2} data-testid="sip-ice" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="sip-save">
          {t('softphone.settings.save')}
        </Button>
      </Form>
    </Card>
  );
}

function deviceOptions(t: (k: string) => string, list: DeviceInfo[], kind: DeviceInfo['kind']) {
  return [
    { value: DEFAULT_DEVICE, label: t('softphone.settings.default') },
    ...list.filter((d) => d.kind === kind && d.deviceId !== DEFAULT_DEVICE).map((d) => ({ value: d.deviceId, label: d.label })),
  ];
}

/** The live level of the chosen microphone; alone in its component so that it, not the form, follows the call state. */
function MicMeter({ mic }: { mic: string }) {
  // Paused while talking (a second capture of the headset is of no use then). Not while
  // dialling: closing the meter's capture right then can make the call reopen the device.
  const inCall = useSoftphoneSelector((s) => s.state.call?.phase === 'connected' || s.state.call?.phase === 'connecting');
  const meter = useRef<HTMLDivElement | null>(null);
  // A live meter of the chosen microphone while the settings are open. Ten updates a second
  // go straight to the bar's style: re-rendering the form that often would load a busy PC.
  useEffect(() => {
    const show = (level: number) => {
      const el = meter.current;
      if (!el) return;
      el.dataset.level = level.toFixed(3);
      (el.firstElementChild as HTMLElement).style.transform = `scaleX(${level.toFixed(2)})`;
    };
    show(0);
    if (inCall) return;
    let stop = () => {};
    let stream: MediaStream | null = null;
    let cancelled = false;
    openMic(mic)
      .then((s) => {
        if (cancelled) return s.getTracks().forEach((tr) => tr.stop());
        stream = s;
        stop = meterLevel(s, show);
      })
      .catch(() => show(0));
    return () => {
      cancelled = true;
      stop();
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [mic, inCall]);
  return (
    <div className="mic-level" ref={meter} data-testid="mic-level" data-level="0.000">
      <div className="mic-level-bar" />
    </div>
  );
}

function Devices() {
  const { t } = useTranslation();
  const controller = useSoftphoneController();
  const devices = useSoftphoneSelector((s) => s.devices);
  const tone = useRef<TonePlayer | null>(null);
  useEffect(() => void controller.refreshDevices(), [controller]);
  useEffect(() => () => tone.current?.dispose(), []);

  const playTest = (deviceId: string) => {
    tone.current ??= new TonePlayer('softphone-test-tone');
    void tone.current.play('test', deviceId);
  };

  const pick = (role: 'mic' | 'speaker' | 'ring', kind: DeviceInfo['kind'], testId: string) => (
    <Select
      className="softphone-device"
      data-testid={testId}
      value={devices.prefs[role]}
      onChange={(v) => controller.setDevice(role, v)}
      options={deviceOptions(t, devices.available, kind)}
    />
  );
  return (
    <Card size="small" title={t('softphone.settings.devices')} data-testid="sip-devices">
      <Form layout="vertical">
        <Form.Item label={t('softphone.settings.mic')}>{pick('mic', 'audioinput', 'device-mic')}</Form.Item>
        <Form.Item label={t('softphone.settings.level')}>
          <MicMeter mic={devices.resolved.mic} />
        </Form.Item>
        <Form.Item label={t('softphone.settings.speaker')}>
          <Space>
            {pick('speaker', 'audiooutput', 'device-speaker')}
            <Button icon={<SoundOutlined />} onClick={() => playTest(devices.resolved.speaker)} data-testid="test-tone">
              {t('softphone.settings.testTone')}
            </Button>
          </Space>
        </Form.Item>
        <Form.Item label={t('softphone.settings.ring')}>
          <Space>
            {pick('ring', 'audiooutput', 'device-ring')}
            <Button icon={<SoundOutlined />} onClick={() => playTest(devices.resolved.ring)} data-testid="test-ring">
              {t('softphone.settings.testTone')}
            </Button>
          </Space>
        </Form.Item>
        {devices.error && <div className="ant-form-item-explain-error">{t('softphone.settings.permission', { error: devices.error })}</div>}
      </Form>
    </Card>
  );
}

/** Set up once: the provider, the SIP account and the headset. Memoised: the 电话 page around it re-renders as calls come and go. */
export const SoftphoneSettings = memo(function SoftphoneSettings() {
  return (
    <Space direction="vertical" size="middle" className="softphone-settings" data-testid="softphone-settings">
      <ProviderChoice />
      <AccountForm />
      <Devices />
      <HeadsetButtonsCard />
    </Space>
  );
});
