import { PhoneOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, ConfigProvider, Input, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CallHistory } from './CallHistory';
import { DialPad } from './DialPad';
import { NO_WAVE } from './Softphone';
import { SoftphoneSettings } from './SoftphoneSettings';
import { useSoftphoneController, useSoftphoneSelector } from './SoftphoneProvider';
import { canDial, isLive } from './state';

function DialNow({ hasNumber, onDial }: { hasNumber: boolean; onDial: (clickedAt: number) => void }) {
  const { t } = useTranslation();
  const ready = useSoftphoneSelector((s) => canDial(s.state));
  return (
    <Button
      type="primary"
      block
      icon={<PhoneOutlined />}
      className="softphone-still"
      disabled={!ready || !hasNumber}
      onClick={(e) => onDial(e.timeStamp)}
      data-testid="dial"
    >
      {t('softphone.dial')}
    </Button>
  );
}

/**
 * Whether to record: before a call, for the next dial; during a call, the patient's consent now
 * (asked once she answers), so ticking it starts or resumes the recording and unticking pauses it.
 */
function ConsentBox({ value, onChange }: { value: boolean; onChange: (v: boolean) => void }) {
  const { t } = useTranslation();
  const controller = useSoftphoneController();
  const live = useSoftphoneSelector((s) => (isLive(s.state.call) ? s.state.call.consent : null));
  const change = (v: boolean) => {
    onChange(v);
    if (live !== null) controller.setConsent(v);
  };
  return (
    <Checkbox checked={live ?? value} onChange={(e) => change(e.target.checked)} data-testid="dial-consent">
      {t('softphone.consent')}
    </Checkbox>
  );
}

/** 电话: the dial pad for calls outside a task (and for testing the headset), settings, history. */
export function PhonePage() {
  const { t } = useTranslation();
  const controller = useSoftphoneController();
  const [number, setNumber] = useState('');
  const [consent, setConsent] = useState(false);
  // The number stays for a redial; only the button follows the softphone's state, so placing
  // a call re-renders nothing else on this page.
  const dial = (clickedAt?: number) => {
    if (number.trim()) controller.dial({ number: number.trim(), consent, clickedAt });
  };
  return (
    <ConfigProvider wave={NO_WAVE}>
      <Row gutter={16} className="phone-page" data-testid="phone-page">
        <Col flex="320px">
          <Card size="small" title={t('softphone.dialpad')}>
            <Space direction="vertical" size="small" className="phone-dial">
              <Input
                value={number}
                onChange={(e) => setNumber(e.target.value.replace(/[^0-9A-Za-z*#+\-() ]/g, ''))}
                onPressEnter={(e) => dial(e.timeStamp)}
                placeholder={t('softphone.numberPlaceholder')}
                maxLength={64}
                className="phone-number"
                data-testid="dial-number"
                autoFocus
              />
              <DialPad onKey={(k) => setNumber((n) => n + k)} />
              <ConsentBox value={consent} onChange={setConsent} />
              <DialNow hasNumber={number.trim().length > 0} onDial={dial} />
              <Typography.Text type="secondary" className="softphone-shortcuts">
                {t('softphone.shortcuts')}
              </Typography.Text>
            </Space>
          </Card>
        </Col>
        <Col flex="420px">
          <SoftphoneSettings />
        </Col>
        <Col flex="auto">
          <Space direction="vertical" size="middle" className="phone-history">
            <CallHistory missedOnly title={t('softphone.history.missed')} />
            <CallHistory title={t('softphone.history.title')} />
          </Space>
        </Col>
      </Row>
    </ConfigProvider>
  );
}
