import { useQueryClient } from '@tanstack/react-query';
import { Card, Empty, Tag, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isAttemptOutcome, type CallPhone } from '../../../shared/contract/followup';
import { serverStamp } from '../../app/server-clock';
import { DialButton, rankPhones, useSoftphoneController } from '../softphone';
import { followupKeys, useLogAttempt } from './queries';

interface Props {
  phones: CallPhone[];
  patientId: number;
  taskId: number;
  consent: boolean;
  editable: boolean;
}

const stampOf = (ms: number | null) => (ms ? serverStamp(ms) : undefined);

/**
 * The patient's numbers, the suggested one first, each with its dial button and last results;
 * Alt+1…9 dials the N-th. A softphone call for this task that ends is logged as an attempt with
 * the result the softphone suggests, so the retry rules and "suggest next number" learn from it;
 * the outcome the nurse then confirms on the softphone replaces it (main: tasks/call-outcome.ts).
 */
export function PhonePanel({ phones, patientId, taskId, consent, editable }: Props) {
  const { t } = useTranslation();
  // The controller only: this panel needs no re-render on the softphone's every SIP event.
  const controller = useSoftphoneController();
  const qc = useQueryClient();
  const logAttempt = useLogAttempt(taskId);
  const ranked = rankPhones(phones);
  const latest = useRef({ ranked, consent, logAttempt, editable });
  latest.current = { ranked, consent, logAttempt, editable };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || !/^Digit[1-9]$/.test(e.code)) return;
      const p = latest.current.ranked[Number(e.code.slice(5)) - 1];
      if (!p) return;
      e.preventDefault();
      controller.dial({ number: p.number, patientId, taskId, consent: latest.current.consent, clickedAt: e.timeStamp });
    };
    window.addEventListener('keydown', onKey);
    const off = controller.onCallEnded((call) => {
      const outcome = call.end?.suggested;
      if (call.taskId !== taskId || !latest.current.editable || !isAttemptOutcome(outcome)) return;
      latest.current.logAttempt.mutate({
        phoneNumber: call.number,
        outcome,
        callId: call.callId ?? undefined,
        startedAt: stampOf(call.startedAt),
        endedAt: stampOf(call.endedAt),
      });
    });
    // Her confirmed (or corrected) outcome replaces the suggestion main stored on the attempt.
    const offConfirmed = controller.onOutcomeConfirmed((c) => {
      if (c.taskId === taskId) void qc.invalidateQueries({ queryKey: followupKeys.view(taskId) });
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      off();
      offConfirmed();
    };
  }, [controller, qc, patientId, taskId]);

  // Consent is asked once the patient answers: a change of the box during this task's call
  // starts, pauses or resumes its recording. The value at mount is only for the next dial.
  const consentSeen = useRef(consent);
  useEffect(() => {
    if (consentSeen.current === consent) return;
    consentSeen.current = consent;
    if (controller.getSnapshot().state.call?.taskId === taskId) controller.setConsent(consent);
  }, [controller, consent, taskId]);

  return (
    <Card size="small" className="fu-card phone-panel" title={t('followup.phones.title')} data-testid="phone-panel">
      {ranked.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('followup.phones.none')} />}
      {ranked.map((p, i) => (
        <div
          key={p.number}
          className={p.wrongNumber ? 'fu-phone fu-phone-wrong' : 'fu-phone'}
          data-testid="fu-phone"
          data-number={p.number}
          data-suggested={p.suggested ? 'true' : 'false'}
        >
          <div className="fu-phone-head">
            <Typography.Text keyboard className="fu-phone-key">
              Alt+{i + 1}
            </Typography.Text>
            <span className="phone-number">{p.number}</span>
            <Tag color={p.role === 'self' ? 'blue' : 'default'}>
              {p.role === 'self' ? t('followup.phones.self') : [p.contactName, p.relation].filter(Boolean).join(' · ') || t('followup.phones.contact')}
            </Tag>
            {p.suggested && (
              <Tag color="green" data-testid="phone-suggested">
                {t('followup.phones.suggested')}
              </Tag>
            )}
            {p.wrongNumber && <Tag color="red">{t('followup.phones.wrong')}</Tag>}
            <span className="fu-phone-dial">
              <DialButton number={p.number} patientId={patientId} taskId={taskId} consent={consent} />
            </span>
          </div>
          <div className="fu-phone-history">
            <Typography.Text type="secondary">{t('followup.phones.stats', { ok: p.successCount, fail: p.failCount })}</Typography.Text>
            {p.recent.length === 0 ? (
              <Typography.Text type="secondary"> · {t('followup.phones.recentNone')}</Typography.Text>
            ) : (
              p.recent.slice(0, 3).map((a) => (
                <span key={a.id} className="fu-dial" data-testid="phone-dial">
                  {a.startedAt.slice(5, 16)}{' '}
                  <Typography.Text type={a.outcome === 'connected' ? 'success' : 'warning'}>{t(`followup.outcome.${a.outcome}`)}</Typography.Text>
                </span>
              ))
            )}
          </div>
        </div>
      ))}
    </Card>
  );
}
