import { Input, Tag, Typography } from 'antd';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answer, AnswerIssue, Item } from '../../../shared/questionnaire';
import { ChoiceGroup } from './ChoiceGroup';

interface Props {
  item: Item;
  answer: Answer | undefined;
  issue: AnswerIssue | undefined;
  disabled: boolean;
  /** `advance`: the answer finished the item (a digit on a single choice), move to the next one. */
  onAnswer: (id: string, answer: Answer | undefined, advance: boolean) => void;
  onNext: (id: string) => void;
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Enter moves on; Shift+Enter keeps its newline in a text answer; Ctrl+Enter is the page's.
 * An Enter that commits a Chinese input method's composition is the IME's, not ours.
 */
const enterMovesOn = (e: KeyboardEvent, next: () => void) => {
  if (e.nativeEvent.isComposing || e.keyCode === 229) return;
  if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    next();
  }
};

function NumberInput({ item, answer, disabled, onAnswer, onNext }: Omit<Props, 'issue'>) {
  const { t } = useTranslation();
  const [text, setText] = useState(typeof answer === 'number' ? String(answer) : '');
  const pattern = item.type === 'integer' ? INTEGER : DECIMAL;
  // Follow a change made elsewhere (cleared, restored) without fighting the digits being typed.
  useEffect(() => {
    if (typeof answer === 'number' && Number(text) !== answer) setText(String(answer));
    if (answer === undefined || answer === null) setText((s) => (pattern.test(s.trim()) ? '' : s));
  }, [answer]);
  const bad = text.trim() !== '' && !pattern.test(text.trim());
  return (
    <div className="q-number">
      <Input
        value={text}
        inputMode="decimal"
        disabled={disabled}
        status={bad ? 'error' : undefined}
        placeholder={t('followup.q.numberPlaceholder')}
        suffix={item.unit}
        className="q-number-input"
        data-focus-target
        onChange={(e) => {
          const v = e.target.value;
          setText(v);
          const s = v.trim();
          onAnswer(item.id, s === '' || !pattern.test(s) ? undefined : Number(s), false);
        }}
        onKeyDown={(e) => enterMovesOn(e, () => onNext(item.id))}
      />
      {bad && (
        <Typography.Text type="danger" className="q-issue">
          {t('followup.q.notNumber')}
        </Typography.Text>
      )}
    </div>
  );
}

export function QuestionItem({ item, answer, issue, disabled, onAnswer, onNext }: Props) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const text = en ? item.textEn : item.text;
  const help = en ? (item.helpEn ?? item.help) : item.help;
  if (item.type === 'display')
    return (
      <div className="q-display" data-testid="q-display">
        {text}
      </div>
    );

  const labelId = `q-label-${item.id}`;
  const answered = answer !== undefined && answer !== null && answer !== '' && !(Array.isArray(answer) && answer.length === 0);
  const next = () => onNext(item.id);
  let control;
  if (item.type === 'single' || item.type === 'multiple') {
    control = (
      <ChoiceGroup
        options={(item.options ?? []).map((o) => ({ value: o.value, label: en ? o.labelEn : o.label, exclusive: o.exclusive }))}
        value={answer as string | string[] | undefined}
        multiple={item.type === 'multiple'}
        disabled={disabled}
        labelledBy={labelId}
        onChange={(v, advance) => onAnswer(item.id, v, advance)}
        onEnter={next}
      />
    );
  } else if (item.type === 'integer' || item.type === 'decimal') {
    control = <NumberInput item={item} answer={answer} disabled={disabled} onAnswer={onAnswer} onNext={onNext} />;
  } else {
    const isDate = item.type === 'date';
    control = (
      <Input.TextArea
        value={typeof answer === 'string' ? answer : ''}
        disabled={disabled}
        autoSize={{ minRows: 1, maxRows: 4 }}
        maxLength={item.maxLength}
        placeholder={isDate ? t('followup.q.datePlaceholder') : t('followup.q.textPlaceholder')}
        className={isDate ? 'q-date-input' : 'q-text-input'}
        data-focus-target
        onChange={(e) => {
          // 20261120 is accepted for 2026-11-20: fewer keys for a nurse on the phone.
          const v = isDate ? e.target.value.replace(/^(\d{4})(\d{2})(\d{2})$/, '$1-$2-$3') : e.target.value;
          onAnswer(item.id, v.trim() === '' ? undefined : v, false);
        }}
        onKeyDown={(e) => enterMovesOn(e, next)}
      />
    );
  }

  return (
    <div
      className={answered ? 'q-item q-answered' : 'q-item'}
      data-item-id={item.id}
      data-testid="q-item"
      data-type={item.type}
      data-required={item.required ? 'true' : 'false'}
      data-answered={answered ? 'true' : 'false'}
    >
      <div className="q-text" id={labelId}>
        {text}
        {item.required && <Tag className="q-required">{t('followup.q.required')}</Tag>}
      </div>
      {help && <div className="q-help">{help}</div>}
      {control}
      {issue && issue.code !== 'required' && (
        <Typography.Text type="danger" className="q-issue" data-testid="q-issue">
          {en ? issue.messageEn : issue.message}
        </Typography.Text>
      )}
    </div>
  );
}
