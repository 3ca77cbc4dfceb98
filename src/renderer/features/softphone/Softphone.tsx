import { AudioMutedOutlined, AudioOutlined, PauseCircleOutlined, PhoneOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, ConfigProvider, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALL_OUTCOMES, type CallOutcome } from '../../../shared/contract/calls';
import { DialPad } from './DialPad';
import { IncomingCall } from './IncomingCall';
import { useSoftphoneShortcuts } from './shortcuts';
import { SoftphoneNotices } from './SoftphoneNotices';
import { talkSeconds, type CallState } from './state';
import { shallowEqual, useSoftphoneController, useSoftphoneSelector } from './SoftphoneProvider';
import './softphone.css';

/**
 * What the panel shows of a call: the stored id or the INVITE's timing never re-render it, and
 * an outgoing call's dialling and ringing look alike here (only <PhaseLabel> tells them apart),
 * so a 180 re-renders one span, not the panel, while the 200 OK that follows is on its way.
 */
const viewOf = (c: CallState) => ({
  uid: c.uid,
  direction: c.direction,
  number: c.number,
  displayName: c.displayName,
  phase: c.phase === 'ringing' ? ('dialling' as const) : c.phase,
  answeredAt: c.answeredAt,
  endedAt: c.endedAt,
  muted: c.muted,
  hold: c.hold,
  dtmf: c.dtmf,
  media: c.media,
  signalling: c.signalling,
  recording: c.recording,
  end: c.end,
});
type CallView = ReturnType<typeof viewOf>;
const sameView = (a: CallView | null, b: CallView | null) => a === b || (!!a && !!b && shallowEqual(a, b));

/** Call buttons animate nothing: a click's ripple would repaint while the call is being set up. */
export const NO_WAVE = { disabled: true };

const clock = (s: number) => `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

function TimerOf({ call }: { call: CallView }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (call.phase !== 'connected') return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [call.phase]);
  return (
    <span className="softphone-timer" data-testid="call-timer">
      {clock(talkSeconds(call, now))}
    </span>
  );
}

const timerLook = ({ call: c }: { call: CallView }) => [c.phase === 'connected', c.answeredAt, c.endedAt].join('|');
const Timer = memo(TimerOf, (a, b) => timerLook(a) === timerLook(b));

/** The call's phase in words: the only part of the panel a provisional response changes. */
function PhaseLabel() {
  const { t } = useTranslation();
  const phase = useSoftphoneSelector((s) => s.state.call?.phase ?? null);
  return (
    <span data-testid="call-phase" data-phase={phase ?? ''}>
      {phase ? t(`softphone.phase.${phase}`) : ''}
    </span>
  );
}

function Ended({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const controller = useSoftphoneController();
  const [outcome, setOutcome] = useState<CallOutcome | null>(call.end?.suggested ?? null);
  const end = call.end!;
  return (
    <Space direction="vertical" size="small" className="softphone-ended">
      <Typography.Text data-testid="call-ended" data-ended-by={end.by} data-reason={end.reason} data-sip-code={end.sipCode ?? ''}>
        {t(`softphone.endedBy.${end.by}`)} · {t(`softphone.reason.${end.reason}`)}
        {end.sipCode ? ` (${t('softphone.sipCode', { code: end.sipCode })})` : ''}
      </Typography.Text>
      {call.recording === 'saved' && (
        <Tag color="green" data-testid="recording-saved">
          {t('softphone.recordingSaved')}
        </Tag>
      )}
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
        <Button onClick={() => controller.dismiss()} data-testid="close-call">
          {t('common.cancel')}
        </Button>
      )}
    </Space>
  );
}

/**
 * The call's buttons. One stable set, shown or hidden by phase: placing a call then changes a
 * few attributes instead of mounting a new row of buttons while the call is being set up.
 */
function ControlsOf({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const controller = useSoftphoneController();
  const [pad, setPad] = useState(false);
  const canHold = useSoftphoneSelector((s) => s.state.provider.hold);
  const incoming = call.phase === 'incoming';
  const talking = call.phase === 'connected';
  const ended = call.phase === 'ended';
  return (
    <Space direction="vertical" size="small" hidden={ended}>
      <Space wrap>
        <Button type="primary" icon={<PhoneOutlined />} onClick={() => controller.answer()} data-testid="answer" hidden={!incoming}>
          {t('softphone.answer')}
        </Button>
        <Button danger onClick={() => controller.hangup()} data-testid="decline" hidden={!incoming}>
          {t('softphone.decline')}
        </Button>
        <Button
          icon={call.muted ? <AudioMutedOutlined /> : <AudioOutlined />}
          onClick={() => controller.toggleMute()}
          data-testid="mute"
          aria-pressed={call.muted}
          hidden={!talking}
        >
          {call.muted ? t('softphone.unmute') : t('softphone.mute')}
        </Button>
        {/* A provider without client-side hold (Twilio) shows the button disabled and says why. */}
        <Tooltip title={canHold ? undefined : t('softphone.holdUnsupported')}>
          <Button
            icon={call.hold.local ? <PlayCircleOutlined /> : <PauseCircleOutlined />}
            loading={call.hold.pending}
            onClick={() => controller.toggleHold()}
            data-testid="hold"
            aria-pressed={call.hold.local}
            disabled={!canHold}
            hidden={!talking}
          >
            {call.hold.local ? t('softphone.resume') : t('softphone.hold')}
          </Button>
        </Tooltip>
        <Button onClick={() => setPad((v) => !v)} data-testid="dtmf-toggle" aria-pressed={pad} hidden={!talking}>
          {t('softphone.dtmf')}
        </Button>
        <Button danger type={talking ? 'primary' : 'default'} onClick={() => controller.hangup()} data-testid="hangup" hidden={incoming || ended}>
          {talking ? t('softphone.hangup') : t('softphone.cancel')}
        </Button>
      </Space>
      {pad && talking && <DialPad onKey={(k) => controller.dtmf(k)} testId="dtmf" />}
      {call.dtmf && (
        <Typography.Text type="secondary" data-testid="dtmf-sent">
          {call.dtmf}
        </Typography.Text>
      )}
    </Space>
  );
}

// The buttons look the same while a call is dialled, rings and connects: re-rendering them on
// every provisional response would hold up the SIP messages that follow (a 180's render delays
// the 200 OK it is followed by).
const controlsLook = ({ call: c }: { call: CallView }) =>
  [c.phase === 'incoming', c.phase === 'connected', c.phase === 'ended', c.muted, c.hold.local, c.hold.pending, c.dtmf].join('|');
const Controls = memo(ControlsOf, (a, b) => controlsLook(a) === controlsLook(b));

/** Stands in while there is no call: the panel stays mounted (hidden) between calls. */
const IDLE: CallView = {
  uid: '',
  direction: 'outbound',
  number: '',
  displayName: null,
  phase: 'ended',
  answeredAt: null,
  endedAt: null,
  muted: false,
  hold: { local: false, remote: false, pending: false },
  dtmf: '',
  media: 'ok',
  signalling: 'ok',
  recording: 'off',
  end: null,
};

/** The call panel: floats over any screen while a call exists (mounted, hidden, in between). */
export function Softphone() {
  const { t } = useTranslation();
  const controller = useSoftphoneController();
  useSoftphoneShortcuts(controller);
  const call = useSoftphoneSelector((s) => (s.state.call ? viewOf(s.state.call) : null), sameView);
  const shown = call ?? IDLE;
  return (
    <ConfigProvider wave={NO_WAVE}>
      <SoftphoneNotices />
      <Card
        size="small"
        className="softphone-panel"
        data-testid="softphone-panel"
        data-phase={shown.phase}
        hidden={!call}
        title={<PhaseLabel />}
        extra={<Timer call={shown} />}
      >
        <Space direction="vertical" size="small" className="softphone-body">
          <Typography.Text strong className="phone-number" data-testid="call-number">
            {shown.displayName ? `${shown.displayName} ` : ''}
            {shown.number}
          </Typography.Text>
          <Space size={4} wrap>
            {shown.muted && (
              <Tag color="orange" data-testid="tag-muted">
                {t('softphone.muted')}
              </Tag>
            )}
            {shown.hold.local && (
              <Tag color="blue" data-testid="tag-hold">
                {t('softphone.onHold')}
              </Tag>
            )}
            {shown.hold.remote && (
              <Tag color="purple" data-testid="tag-remote-hold">
                {t('softphone.remoteHold')}
              </Tag>
            )}
            {shown.recording === 'on' && (
              <Tag color="red" data-testid="tag-recording">
                ● {t('softphone.recording')}
              </Tag>
            )}
            {shown.recording === 'paused' && <Tag data-testid="tag-recording-paused">{t('softphone.recordingPaused')}</Tag>}
          </Space>
          {shown.media === 'stalled' && shown.phase === 'connected' && (
            <Alert type="warning" showIcon title={t('softphone.mediaStalled')} data-testid="media-stalled" />
          )}
          {shown.signalling === 'lost' && shown.phase !== 'ended' && <Alert type="warning" showIcon title={t('softphone.signallingLost')} />}
          {shown.direction === 'inbound' && <IncomingCall />}
          {call?.phase === 'ended' && <Ended key={call.uid} call={call} />}
          <Controls call={shown} />
        </Space>
      </Card>
    </ConfigProvider>
  );
}
