import { ApiOutlined, DisconnectOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { headsetFor } from './headset-hid';
import './i18n-headset';
import { useSoftphoneController } from './SoftphoneProvider';

/** The settings card: connect the headset's buttons once. Hidden where WebHID does not exist. */
export function HeadsetButtonsCard() {
  const { t } = useTranslation();
  // The softphone provider keeps the remembered headset open; the card only shows and changes it.
  const headset = headsetFor(useSoftphoneController());
  const { status, name, error } = useSyncExternalStore(headset.subscribe, headset.getSnapshot);
  if (status === 'unsupported') return null;
  const shown = name || t('softphone.headset.unnamed');
  const line =
    status === 'open'
      ? t('softphone.headset.open', { name: shown })
      : status === 'opening'
        ? t('softphone.headset.opening')
        : status === 'unplugged'
          ? t('softphone.headset.unplugged', { name: shown })
          : status === 'failed'
            ? t('softphone.headset.failed', { error: error === 'noTelephony' ? t('softphone.headset.noTelephony') : error })
            : null;
  return (
    <Card size="small" title={t('softphone.headset.title')} data-testid="headset-buttons" data-status={status}>
      <Space direction="vertical" size="small">
        <Typography.Text type="secondary">{t('softphone.headset.hint')}</Typography.Text>
        {line && (
          <Typography.Text type={status === 'failed' ? 'danger' : undefined} data-testid="headset-status">
            {line}
          </Typography.Text>
        )}
        <Space>
          {/* connect() calls requestDevice first thing, inside this click's user activation. */}
          <Button icon={<ApiOutlined />} onClick={() => void headset.connect()} loading={status === 'opening'} data-testid="headset-connect">
            {t('softphone.headset.connect')}
          </Button>
          {status !== 'off' && (
            <Button icon={<DisconnectOutlined />} onClick={() => void headset.disconnect()} data-testid="headset-disconnect">
              {t('softphone.headset.disconnect')}
            </Button>
          )}
        </Space>
      </Space>
    </Card>
  );
}
