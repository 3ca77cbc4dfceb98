import { AudioMutedOutlined, AudioOutlined, PauseCircleOutlined, PhoneOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_OUTCOMES, type CallOutcome } from '../../../shared/contract/calls';
import { DialPad } from './DialPad';
import { IncomingCall } from './IncomingCall';
import { useSoftphoneShortcuts } from './shortcuts';
import { talkSeconds, type CallState } from './state';
import { useSoftphone } from './SoftphoneProvider';
import './softphone.css';

const clock = (s: number) => `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

function Timer({ call }: { call: CallState }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (call.phase !== 'connected') return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [call.phase]);
  return <span className="softphone-timer" data-testid="call-timer">{clock(talkSeconds(call, now))}</span>;
}

/** Shows the softphone's notices (a headset unplugged …) as antd messages. */
function Notices() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { notices, controller } = useSoftphone();
  useEffect(() => {
    for (const n of notices) {
      void message.warning({ content: t(n.key, n.params ?? {}), duration: 6 });
      controller.dismissNotice(n.id);
    }
  }, [notices, controller, message, t]);
  return null;
}

function Ended({ call }: { call: CallState }) {
  const { t } = useTranslation();
  const { controller } = useSoftphone();
  const [outcome, setOutcome] = useState<CallOutcome | null>(call.end?.suggested ?? null);
  const end = call.end!;
  return (
    <Space direction="vertical" size="small" className="softphone-ended">
      <Typography.Text data-testid="call-ended" data-ended-by={end.by} data-reason={end.reason} data-sip-code={end.sipCode ?? ''}>
        {t(`softphone.endedBy.${end.by}`)} · {t(`softphone.reason.${end.reason}`)}
        {end.sipCode ? ` (${t('softphone.sipCode', { code: end.sipCode })})` : ''}
      </Typography.Text>
      {call.recording === 'saved' && <Tag color="green" data-testid="recording-saved">{t('softphone.recordingSaved')}</Tag>}
      {call.recording === 'failed' && <Tag color="red">{t('softphone.recordingFailed')}</Tag>}
      {call.direction === 'outbound' ? (
        <Space>
          <Select
            className="softphone-outcome"
            data-testid="call-outcome"
            value={outcome}
            placeholder={t('softphone.outcome.label')}
            onChange={setOutcome}
            options={CALL_OUTCOMES.map((o) => ({ value: o, label: t(`softphone.outcome.${o}`) }))}
          />
          <Button type="primary" disabled={!outcome} onClick={() => outcome && void controller.confirmOutcome(outcome)} data-testid="confirm-outcome">
            {t('softphone.outcome.confirm')}
          </Button>
        </Space>
      ) : (
        <Button onClick={() => controller.dismiss()} data-testid="close-call">{t('common.cancel')}</Button>
      )}
    </Space>
  );
}

function Controls({ call }: { call: CallState }) {
  const { t } = useTranslation();
  const { controller } = useSoftphone();
  const [pad, setPad] = useState(false);
  if (call.phase === 'incoming') {
    return (
      <Space>
        <Button type="primary" icon={<PhoneOutlined />} onClick={() => controller.answer()} data-testid="answer">{t('softphone.answer')}</Button>
        <Button danger onClick={() => controller.hangup()} data-testid="decline">{t('softphone.decline')}</Button>
      </Space>
    );
  }
  if (call.phase !== 'connected') {
    return <Button danger onClick={() => controller.hangup()} data-testid="hangup">{t('softphone.cancel')}</Button>;
  }
  return (
    <Space direction="vertical" size="small">
      <Space wrap>
        <Button icon={call.muted ? <AudioMutedOutlined /> : <AudioOutlined />} onClick={() => controller.toggleMute()} data-testid="mute" aria-pressed={call.muted}>
          {call.muted ? t('softphone.unmute') : t('softphone.mute')}
        </Button>
        <Button
          icon={call.hold.local ? <PlayCircleOutlined /> : <PauseCircleOutlined />}
          loading={call.hold.pending}
          onClick={() => controller.toggleHold()}
          data-testid="hold"
          aria-pressed={call.hold.local}
        >
          {call.hold.local ? t('softphone.resume') : t('softphone.hold')}
        </Button>
        <Button onClick={() => setPad((v) => !v)} data-testid="dtmf-toggle" aria-pressed={pad}>{t('softphone.dtmf')}</Button>
        <Button danger type="primary" onClick={() => controller.hangup()} data-testid="hangup">{t('softphone.hangup')}</Button>
      </Space>
      {pad && <DialPad onKey={(k) => controller.dtmf(k)} testId="dtmf" />}
      {call.dtmf && <Typography.Text type="secondary" data-testid="dtmf-sent">{call.dtmf}</Typography.Text>}
    </Space>
  );
}

/** The call panel: floats over any screen while a call exists. */
export function Softphone() {
  const { t } = useTranslation();
  const { state, controller } = useSoftphone();
  useSoftphoneShortcuts(controller);
  const call = state.call;
  return (
    <>
      <Notices />
      {call && (
        <Card size="small" className="softphone-panel" data-testid="softphone-panel" data-phase={call.phase}
          title={<span data-testid="call-phase" data-phase={call.phase}>{t(`softphone.phase.${call.phase}`)}</span>}
          extra={<Timer call={call} />}
        >
          <Space direction="vertical" size="small" className="softphone-body">
            <Typography.Text strong className="phone-number" data-testid="call-number">{call.displayName ? `${call.displayName} ` : ''}{call.number}</Typography.Text>
            <Space size={4} wrap>
              {call.muted && <Tag color="orange" data-testid="tag-muted">{t('softphone.muted')}</Tag>}
              {call.hold.local && <Tag color="blue" data-testid="tag-hold">{t('softphone.onHold')}</Tag>}
              {call.hold.remote && <Tag color="purple" data-testid="tag-remote-hold">{t('softphone.remoteHold')}</Tag>}
              {call.recording === 'on' && <Tag color="red" data-testid="tag-recording">● {t('softphone.recording')}</Tag>}
            </Space>
            {call.media === 'stalled' && call.phase === 'connected' && <Alert type="warning" showIcon title={t('softphone.mediaStalled')} data-testid="media-stalled" />}
            {call.signalling === 'lost' && call.phase !== 'ended' && <Alert type="warning" showIcon title={t('softphone.signallingLost')} />}
            {call.direction === 'inbound' && <IncomingCall />}
            {call.phase === 'ended' ? <Ended key={call.uid} call={call} /> : <Controls call={call} />}
          </Space>
        </Card>
      )}
    </>
  );
}
