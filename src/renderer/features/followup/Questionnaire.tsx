import { Card, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Answer, AnswerIssue, Answers, Item, QuestionnaireDef } from '../../../shared/questionnaire';
import { QuestionItem } from './QuestionItem';

interface Props {
  def: QuestionnaireDef | null;
  items: Item[];
  answers: Answers;
  issues: AnswerIssue[];
  disabled: boolean;
  onAnswer: (id: string, answer: Answer | undefined, advance: boolean) => void;
  onNext: (id: string) => void;
}

/** The visible items in order (show-if applied by the caller), keyboard-first. */
export function Questionnaire({ def, items, answers, issues, disabled, onAnswer, onNext }: Props) {
  const { t, i18n } = useTranslation();
  if (!def)
    return (
      <Card size="small" className="fu-card">
        <Empty description={t('followup.q.none')} />
      </Card>
    );
  const en = i18n.language === 'en';
  const issueOf = new Map(issues.map((i) => [i.item, i]));
  const missing = issues.filter((i) => i.code === 'required').length;
  return (
    <Card
      size="small"
      className="fu-card questionnaire"
      title={en ? def.titleEn : def.title}
      extra={
        <Typography.Text type={missing ? 'warning' : 'success'} data-testid="q-missing" data-count={missing}>
          {missing ? t('followup.q.missing', { count: missing }) : '✓'}
        </Typography.Text>
      }
      data-testid="questionnaire"
      data-questionnaire-id={def.id}
    >
      <Typography.Text type="secondary" className="q-hint">
        {t('followup.q.hint')}
      </Typography.Text>
      {items.map((it) => (
        <QuestionItem key={it.id} item={it} answer={answers[it.id]} issue={issueOf.get(it.id)} disabled={disabled} onAnswer={onAnswer} onNext={onNext} />
      ))}
    </Card>
  );
}
