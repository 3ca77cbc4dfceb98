import { App as AntApp } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../../api/errors';
import { errorText } from '../../api/notices';
import { useSoftphoneController, useSoftphoneSelector } from './SoftphoneProvider';

/** Main's refusal in the nurse's language; a device's or the browser's error as it came. */
function reasonOf(error: unknown, t: TFunction): string {
  if (error instanceof ApiCallError) return errorText(error, t);
  const e = error as { name?: unknown; message?: unknown } | null;
  return String(e?.message || e?.name || error);
}

/**
 * Shows the softphone's notices: warnings (a headset unplugged …) as messages that fade, failures
 * (a call that was not saved …) as notifications that stay until the nurse closes them.
 */
export function SoftphoneNotices() {
  const { t } = useTranslation();
  const { message, notification } = AntApp.useApp();
  const controller = useSoftphoneController();
  const notices = useSoftphoneSelector((s) => s.notices);
  useEffect(() => {
    for (const n of notices) {
      const content = t(n.key, { ...n.params, ...(n.error === undefined ? {} : { error: reasonOf(n.error, t) }) });
      if (n.level === 'error') {
        notification.error({ title: t('softphone.failure.title'), description: content, duration: false, props: { 'data-testid': 'softphone-failure' } });
      } else {
        void message.warning({ content, duration: 6 });
      }
      controller.dismissNotice(n.id);
    }
  }, [notices, controller, message, notification, t]);
  return null;
}
