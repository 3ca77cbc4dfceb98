import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { inLanguage } from '../../../shared/bilingual';
import type { AuditVerifyResult } from '../../../shared/contract/audit';
import { currentLanguage } from '../../i18n';

/** The chain check's verdict: intact, or the problems in chain order (each naming its row), in the screen's language. */
export function VerifyResult({ result }: { result: AuditVerifyResult }) {
  const { t } = useTranslation();
  const lang = currentLanguage() === 'en' ? 'en' : 'zh';
  const more = result.problemCount - result.problems.length;
  return (
    <Alert
      type={result.ok ? 'success' : 'error'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="audit-verify-result"
      data-ok={String(result.ok)}
      message={result.ok ? t('audit.verifyOk') : t('audit.verifyBad')}
      description={
        <>
          <div>{t('audit.verifyCount', { sealed: result.sealed, unsealed: result.unsealed })}</div>
          {result.problems.map((p) => (
            <div key={`${p.kind}-${p.seq}`} data-testid="audit-problem" data-audit-id={p.auditId ?? ''}>
              {inLanguage(p.message, lang)}
            </div>
          ))}
          {more > 0 && <div>{t('audit.verifyMore', { count: more })}</div>}
          {result.head && (
            <Typography.Text type="secondary" copyable={{ text: result.head.hash }}>
              {t('audit.verifyHead', { seq: result.head.seq, hash: `${result.head.hash.slice(0, 16)}…` })}
            </Typography.Text>
          )}
        </>
      }
    />
  );
}
