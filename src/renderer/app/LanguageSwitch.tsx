import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage, type Language } from '../i18n';

// Labels stay in their own language so whoever cannot read the current one can still switch.
const OPTIONS: { label: string; value: Language }[] = [
  { label: '中文', value: 'zh-CN' },
  { label: 'English', value: 'en' },
];

export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('common.language')}
      options={OPTIONS}
      value={currentLanguage()}
      onChange={setLanguage}
      data-testid="language-switch"
    />
  );
}
