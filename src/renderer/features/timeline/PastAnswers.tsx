import { useTranslation } from 'react-i18next';
import type { PastAnswer } from '../../../shared/followup-results';
import './past-answers.css';

/** An earlier follow-up's answers, folded (a PHQ-9 is nine lines): the timeline and the history pane. */
export function PastAnswers({ answers, summary }: { answers: PastAnswer[]; summary: string }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  if (answers.length === 0) return null;
  return (
    <details className="past-answers" data-testid="past-answers">
      <summary>{summary}</summary>
      <dl>
        {answers.map((a) => (
          <div key={a.id} className="past-answer">
            <dt>{en ? a.textEn : a.text}</dt>
            <dd>{en ? a.valueEn : a.value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
