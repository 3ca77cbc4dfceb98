import { PhoneOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LiveCall } from '../../../shared/contract/followup';

/**
 * The patient is on the phone with a colleague right now (calling in, being dialled, or talking):
 * shown on every other workstation so that nobody calls her at the same time. The server leaves
 * out the nurse's own calls: those are on her softphone.
 */
export function LiveCallTag({ call }: { call: LiveCall | null }) {
  const { t } = useTranslation();
  if (!call) return null;
  const state = call.phase === 'talking' ? 'talking' : call.direction === 'inbound' ? 'ringing' : 'dialling';
  return (
    <Tooltip title={t('queue.liveCall.hint', { since: call.since.slice(11, 16) })}>
      <Tag color="purple" icon={<PhoneOutlined />} data-testid="queue-live-call" data-phase={call.phase}>
        {t(`queue.liveCall.${state}`, { name: call.nurse.name })}
      </Tag>
    </Tooltip>
  );
}
