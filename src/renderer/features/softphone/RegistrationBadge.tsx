import { Badge, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegStatus } from './state';
import { useSoftphoneSelector } from './SoftphoneProvider';

const COLOUR: Record<RegStatus, 'success' | 'processing' | 'error' | 'warning' | 'default'> = {
  registered: 'success',
  connecting: 'processing',
  registering: 'processing',
  failed: 'error',
  offline: 'warning',
  unconfigured: 'default',
  stopped: 'default',
};

/** The status bar's phone light: always visible, says why when it is not green. */
export function RegistrationBadge({ onOpen }: { onOpen?: () => void }) {
  const { t } = useTranslation();
  const r = useSoftphoneSelector((s) => s.state.registration);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!r.retryAt) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [r.retryAt]);

  const reason = r.failure ? t(`softphone.reg.failure.${r.failure}`) : null;
  const retry = r.retryAt && r.retryAt > now ? t('softphone.reg.retryIn', { s: Math.ceil((r.retryAt - now) / 1000), n: r.attempt }) : null;
  const text = [t(`softphone.reg.${r.status}`), reason].filter(Boolean).join(t('common.colon'));
  return (
    <Tooltip title={[text, r.sipCode ? `SIP ${r.sipCode}` : null, r.detail, retry].filter(Boolean).join(' · ')}>
      <span
        className="softphone-status"
        data-testid="softphone-status"
        data-status={r.status}
        data-failure={r.failure ?? ''}
        data-attempt={r.attempt}
        onClick={onOpen}
        role="button"
      >
        <Badge status={COLOUR[r.status]} text={<span className="softphone-status-text">{text}</span>} />
      </span>
    </Tooltip>
  );
}
