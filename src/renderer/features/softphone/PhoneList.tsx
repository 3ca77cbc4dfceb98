import { Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DialButton } from './DialButton';
import { rankPhones, type RankablePhone } from './phones';
import { useSoftphoneController } from './SoftphoneProvider';

interface Phone extends RankablePhone {
  contactName?: string | null;
  relation?: string | null;
}

/**
 * A patient's numbers, best first; Alt+1…9 dials the N-th. For the follow-up screen: pass the
 * phones it shows (PhoneInfo or CallPhone both fit) and the task.
 */
export function PhoneList({ phones, patientId, taskId, consent }: { phones: Phone[]; patientId: number; taskId?: number | null; consent?: boolean }) {
  const { t } = useTranslation();
  const controller = useSoftphoneController();
  const ranked = rankPhones(phones);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || !/^Digit[1-9]$/.test(e.code)) return;
      const p = ranked[Number(e.code.slice(5)) - 1];
      if (!p) return;
      e.preventDefault();
      controller.dial({ number: p.number, patientId, taskId, consent, clickedAt: e.timeStamp });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ranked, controller, patientId, taskId, consent]);
  return (
    <Space direction="vertical" size={4} data-testid="phone-list">
      {ranked.map((p, i) => (
        <Space key={p.number} size="small">
          <Typography.Text keyboard>Alt+{i + 1}</Typography.Text>
          <DialButton number={p.number} patientId={patientId} taskId={taskId} consent={consent}>
            <span className="phone-number">{p.number}</span>
          </DialButton>
          <Tag color={p.role === 'self' ? 'blue' : 'default'}>{t(p.role === 'self' ? 'softphone.incoming.self' : 'softphone.incoming.contact')}</Tag>
          {(p.contactName || p.relation) && <Typography.Text type="secondary">{[p.contactName, p.relation].filter(Boolean).join(' · ')}</Typography.Text>}
          {p.wrongNumber && <Tag color="red">{t('softphone.outcome.wrong_number')}</Tag>}
        </Space>
      ))}
    </Space>
  );
}
