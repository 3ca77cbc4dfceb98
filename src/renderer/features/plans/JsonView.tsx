import { Alert, Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkDefinition } from './definition';

/**
 * The whole definition as JSON, for mixed-unit offsets and for pasting a plan. Applying checks it
 * against the schema first (unknown keys refused), so a mistake is named here, in the UI's
 * language, and the form never holds a definition that would only fail on save.
 */
export function JsonView({ value, disabled, onApply }: { value: unknown; disabled: boolean; onApply: (v: unknown) => void }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  const [errors, setErrors] = useState<{ title: string; issues: string[] } | null>(null);
  const apply = () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      // JSON.parse speaks English: only where it stopped is passed on.
      const at = /position (\d+)/.exec((e as Error).message)?.[1];
      setErrors({ title: t('plans.json.parseError', { error: at ? t('plans.json.at', { n: Number(at) + 1 }) : '' }), issues: [] });
      return;
    }
    const checked = checkDefinition(parsed, t, i18n.language);
    if (!checked.ok) {
      setErrors({ title: t('plans.json.invalid'), issues: checked.issues });
      return;
    }
    setErrors(null);
    onApply(parsed);
  };
  return (
    <Space orientation="vertical" className="full-width">
      <Input.TextArea
        value={text}
        disabled={disabled}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 16, maxRows: 40 }}
        spellCheck={false}
        className="plan-json"
        data-testid="plan-json"
      />
      {errors && (
        <Alert
          type="error"
          showIcon
          title={errors.title}
          data-testid="plan-json-errors"
          description={
            errors.issues.length > 0 && (
              <ul className="plan-warnings">
                {errors.issues.map((i) => (
                  <li key={i}>{i}</li>
                ))}
              </ul>
            )
          }
        />
      )}
      <Button onClick={apply} disabled={disabled} data-testid="plan-json-apply">
        {t('plans.json.apply')}
      </Button>
    </Space>
  );
}
