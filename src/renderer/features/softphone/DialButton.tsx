import { PhoneOutlined } from '@ant-design/icons';
import { Button, ConfigProvider, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isDialable } from './phones';
import { NO_WAVE } from './Softphone';
import { useSoftphoneController, useSoftphoneSelector } from './SoftphoneProvider';
import { isLive } from './state';

export interface DialButtonProps {
  number: string;
  patientId?: number | null;
  taskId?: number | null;
  /** The patient agreed to recording. */
  consent?: boolean;
  children?: ReactNode;
  size?: 'small' | 'middle' | 'large';
  type?: 'primary' | 'default' | 'link';
}

/** Drop-in click-to-dial for any number on screen (the follow-up screen, the timeline). */
export function DialButton({ number, patientId, taskId, consent, children, size = 'small', type = 'default' }: DialButtonProps) {
  const { t } = useTranslation();
  const controller = useSoftphoneController();
  const status = useSoftphoneSelector((s) => s.state.registration.status);
  const busy = useSoftphoneSelector((s) => isLive(s.state.call));
  const ready = status === 'registered';
  const disabled = !ready || busy || !isDialable(number);
  const why = !isDialable(number) ? null : !ready ? t(`softphone.reg.${status}`) : busy ? t('softphone.phase.connected') : null;
  return (
    <ConfigProvider wave={NO_WAVE}>
      <Tooltip title={why}>
        <Button
          size={size}
          type={type}
          icon={<PhoneOutlined />}
          disabled={disabled}
          className="softphone-still"
          data-testid="dial-button"
          data-number={number}
          onClick={(e) => controller.dial({ number, patientId, taskId, consent, clickedAt: e.timeStamp })}
        >
          {children ?? t('softphone.dial')}
        </Button>
      </Tooltip>
    </ConfigProvider>
  );
}
