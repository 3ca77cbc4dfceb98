import { Alert, Button, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The whole definition as JSON, for what the form does not cover (cycles, mixed offsets). */
export function JsonView({ value, disabled, onApply }: { value: unknown; disabled: boolean; onApply: (v: unknown) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    try {
      onApply(JSON.parse(text));
      setError(null);
    } catch (e) {
      setError(t('plans.json.parseError', { error: (e as Error).message }));
    }
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
      {error && <Alert type="error" showIcon title={error} />}
      <Button onClick={apply} disabled={disabled} data-testid="plan-json-apply">
        {t('plans.json.apply')}
      </Button>
    </Space>
  );
}
