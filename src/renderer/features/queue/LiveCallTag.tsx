import { PhoneOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LiveCall } from '../../../shared/contract/followup';
import { useMe } from '../auth/queries';

/**
 * The patient is on the phone with a colleague right now (calling in, being dialled, or talking):
 * shown on every other workstation so that nobody calls her at the same time. A nurse's own call
 * is on her softphone already.
 */
export function LiveCallTag({ call, testId }: { call: LiveCall | null; testId: string }) {
  const { t } = useTranslation();
  const me = useMe().data?.user;
  if (!call || !me || call.nurse.id === me.id) return null;
  const state = call.phase === 'talking' ? 'talking' : call.direction === 'inbound' ? 'ringing' : 'dialling';
  return (
    <Tooltip title={t('queue.liveCall.hint', { since: call.since.slice(11, 16) })}>
      <Tag color="purple" icon={<PhoneOutlined />} data-testid={testId} data-phase={call.phase}>
        {t(`queue.liveCall.${state}`, { name: call.nurse.name })}
      </Tag>
    </Tooltip>
  );
}
