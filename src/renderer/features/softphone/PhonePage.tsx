import { PhoneOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Input, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CallHistory } from './CallHistory';
import { DialPad } from './DialPad';
import { SoftphoneSettings } from './SoftphoneSettings';
import { useSoftphone } from './SoftphoneProvider';

/** 电话: the dial pad for calls outside a task (and for testing the headset), settings, history. */
export function PhonePage() {
  const { t } = useTranslation();
  const { state, controller } = useSoftphone();
  const [number, setNumber] = useState('');
  const [consent, setConsent] = useState(false);
  const busy = !!state.call && state.call.phase !== 'ended';
  const canDial = state.registration.status === 'registered' && !busy && number.trim().length > 0;
  const dial = (clickedAt?: number) => {
    if (canDial && controller.dial({ number: number.trim(), consent, clickedAt })) setNumber('');
  };
  return (
    <Row gutter={16} className="phone-page" data-testid="phone-page">
      <Col flex="320px">
        <Card size="small" title={t('softphone.dialpad')}>
          <Space direction="vertical" size="small" className="phone-dial">
            <Input
              value={number}
              onChange={(e) => setNumber(e.target.value.replace(/[^0-9A-Za-z*#+\-() ]/g, ''))}
              onPressEnter={(e) => dial(e.timeStamp)}
              placeholder={t('softphone.numberPlaceholder')}
              className="phone-number"
              data-testid="dial-number"
              autoFocus
            />
            <DialPad onKey={(k) => setNumber((n) => n + k)} />
            <Checkbox checked={consent} onChange={(e) => setConsent(e.target.checked)} data-testid="dial-consent">{t('softphone.consent')}</Checkbox>
            <Button type="primary" block icon={<PhoneOutlined />} disabled={!canDial} onClick={(e) => dial(e.timeStamp)} data-testid="dial">
              {t('softphone.dial')}
            </Button>
            <Typography.Text type="secondary" className="softphone-shortcuts">{t('softphone.shortcuts')}</Typography.Text>
          </Space>
        </Card>
      </Col>
      <Col flex="420px"><SoftphoneSettings /></Col>
      <Col flex="auto">
        <Space direction="vertical" size="middle" className="phone-history">
          <CallHistory missedOnly title={t('softphone.history.missed')} />
          <CallHistory title={t('softphone.history.title')} />
        </Space>
      </Col>
    </Row>
  );
}
