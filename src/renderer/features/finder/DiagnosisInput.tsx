import { useQuery } from '@tanstack/react-query';
import { Input, Tooltip } from 'antd';
import { useEffect, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FIND_TEXT_MAX, type DiagnosisTermExpansion } from '../../../shared/contract/patients';
import { api } from '../../api/client';
import { errorText } from '../../api/notices';

/** The text once typing has paused, so the tooltip asks the server once per word, not per key. */
function useSettled(text: string, ms = 300): string {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), ms);
    return () => clearTimeout(timer);
  }, [text, ms]);
  return settled;
}

function TermLine({ term }: { term: DiagnosisTermExpansion }) {
  const { t } = useTranslation();
  const categories = term.categories.join(', ');
  if (term.kind === 'keyword')
    return <div>{categories ? t('finder.expansion.keyword', { term: term.term, categories }) : t('finder.expansion.nameOnly', { term: term.term })}</div>;
  return <div>{t(`finder.expansion.${term.kind}`, { term: term.term })}</div>;
}

interface Props {
  value?: string;
  onChange?: (e: ChangeEvent<HTMLInputElement>) => void;
  id?: string;
}

/**
 * The diagnosis filter; its tooltip says what each word will search for (肺癌 → ICD-10 C33-C34
 * and names holding 肺癌), or why the text cannot be searched (a reversed range).
 */
export function DiagnosisInput({ value, onChange, id }: Props) {
  const { t } = useTranslation();
  const text = useSettled((value ?? '').trim());
  const expansion = useQuery({
    queryKey: ['diagnoses', 'expand', text],
    queryFn: () => api.call('diagnoses.expand', { text }),
    enabled: text.length > 0,
    staleTime: 60_000,
    // Shown in the tooltip, not as a notice that would pop up while the nurse is still typing.
    meta: { silent: true },
  });
  // The general hint until there is an answer for this text (empty field, or still asking).
  const title =
    text && expansion.error ? (
      <div data-testid="finder-diagnosis-expansion">{errorText(expansion.error, t)}</div>
    ) : text && expansion.data ? (
      <div data-testid="finder-diagnosis-expansion">
        {expansion.data.terms.map((term, i) => (
          <TermLine key={i} term={term} />
        ))}
      </div>
    ) : (
      t('finder.diagnosisHint')
    );

  return (
    <Tooltip title={title} trigger={['hover', 'focus']} placement="bottomLeft">
      <Input
        id={id}
        value={value}
        onChange={onChange}
        allowClear
        maxLength={FIND_TEXT_MAX.diagnosis}
        placeholder={t('finder.diagnosisPlaceholder')}
        className="finder-diagnosis"
        data-testid="finder-diagnosis"
      />
    </Tooltip>
  );
}
