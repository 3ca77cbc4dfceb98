import { App as AntApp, Card, Radio, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VoiceProvider } from '../../../shared/contract/calls';
import { useSetProvider, useVoiceSettings } from './queries';
import { useSoftphoneController, useSoftphoneSelector } from './SoftphoneProvider';
import { isLive } from './state';

/**
 * SIP PBX or Twilio, per nurse. Twilio is offered only when main can mint Voice tokens; the
 * CSP already allows Twilio then, so switching needs no reload, only a new registration.
 */
export function ProviderChoice() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const controller = useSoftphoneController();
  const voice = useVoiceSettings();
  const save = useSetProvider();
  const inCall = useSoftphoneSelector((s) => isLive(s.state.call));
  const available = voice.data?.twilioAvailable ?? false;

  const choose = async (provider: VoiceProvider) => {
    await save.mutateAsync(provider);
    void message.success(t('softphone.provider.saved'));
    void controller.start();
  };

  return (
    <Card size="small" title={t('softphone.provider.title')} data-testid="softphone-provider">
      <Space direction="vertical" size="small">
        <Tooltip title={inCall ? t('softphone.provider.busy') : undefined}>
          <Radio.Group
            value={voice.data?.provider}
            disabled={inCall || save.isPending || !voice.data}
            className="softphone-still"
            onChange={(e) => void choose(e.target.value as VoiceProvider)}
            data-testid="provider-choice"
          >
            <Radio value="sip" data-testid="provider-sip">
              {t('softphone.provider.sip')}
            </Radio>
            <Tooltip title={available ? undefined : t('softphone.provider.twilioOff')}>
              <Radio value="twilio" disabled={!available} data-testid="provider-twilio">
                {t('softphone.provider.twilio')}
              </Radio>
            </Tooltip>
          </Radio.Group>
        </Tooltip>
        {voice.data?.provider === 'twilio' && <Typography.Text type="secondary">{t('softphone.provider.twilioHint')}</Typography.Text>}
      </Space>
    </Card>
  );
}
