import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setQueueView } from './state';

/**
 * The queue's patient search: applied on Enter or the search button (a lookup per keystroke
 * would refetch the list while she types a phone number); the field itself stops at 64 characters.
 */
export function QueueSearch({ value }: { value?: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  // A reset of the filters (or another tab's search) shows here too.
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <Input.Search
      allowClear
      className="queue-search"
      maxLength={64}
      placeholder={t('queue.filters.search')}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (!e.target.value) setQueueView({ search: undefined });
      }}
      onSearch={(s) => setQueueView({ search: s.trim() || undefined })}
      data-testid="queue-search"
    />
  );
}
