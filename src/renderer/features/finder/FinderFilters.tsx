import { QuestionCircleOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Segmented, Tooltip, type GetProps, type InputRef } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FIND_TEXT_MAX } from '../../../shared/contract/patients';
import type { EncounterKind } from '../../../shared/model';
import { DepartmentSelect } from './DepartmentSelect';
import { DiagnosisInput } from './DiagnosisInput';
import { DEFAULT_FILTERS, type FilterValues } from './filters';

const KINDS: EncounterKind[] = ['inpatient', 'outpatient', 'checkup'];

type RangeProps = GetProps<typeof DatePicker.RangePicker>;

// The picker drops unknown attributes, so the test id sits on a wrapper; Form.Item still
// injects value/onChange through the props.
function DateRange({ testid, ...props }: RangeProps & { testid: string }) {
  return (
    <span data-testid={testid}>
      <DatePicker.RangePicker {...props} allowEmpty={[true, true]} className="finder-range" />
    </span>
  );
}

interface Props {
  initial: FilterValues;
  onSearch: (values: FilterValues) => void;
  /** ArrowDown from the search box moves into the results. */
  onEnterResults: () => void;
}

export function FinderFilters({ initial, onSearch, onEnterResults }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FilterValues>();
  const kind = Form.useWatch('kind', form) ?? initial.kind;
  const queryRef = useRef<InputRef>(null);

  // The nurse's first action is nearly always typing a name or number.
  useEffect(() => queryRef.current?.focus(), []);

  const reset = () => {
    form.setFieldsValue(DEFAULT_FILTERS);
    onSearch(DEFAULT_FILTERS);
    queryRef.current?.focus();
  };

  return (
    <Form<FilterValues>
      form={form}
      layout="inline"
      initialValues={initial}
      onFinish={(values) => onSearch({ ...DEFAULT_FILTERS, ...values })}
      // Another kind is another list (columns, dates): it runs at once, with the other filters as set.
      onValuesChange={(changed: Partial<FilterValues>, all) => {
        if (changed.kind) onSearch({ ...DEFAULT_FILTERS, ...all });
      }}
      className="finder-filters"
      data-testid="finder-filters"
    >
      <Form.Item name="kind">
        <Segmented<EncounterKind>
          options={KINDS.map((k) => ({ value: k, label: t(`finder.kind.${k}`) }))}
          aria-label={t('finder.kindLabel')}
          data-testid="finder-kind"
        />
      </Form.Item>
      <Form.Item name="deptIds" label={t('finder.depts')}>
        <DepartmentSelect />
      </Form.Item>
      <Form.Item
        name="diagnosis"
        label={
          <span>
            {t('finder.diagnosis')}
            <Tooltip title={t('finder.diagnosisHint')}>
              <QuestionCircleOutlined className="label-hint" />
            </Tooltip>
          </span>
        }
      >
        <DiagnosisInput />
      </Form.Item>
      {kind === 'inpatient' && (
        <Form.Item name="admitted" label={t('finder.admitted')}>
          <DateRange testid="finder-admitted" />
        </Form.Item>
      )}
      <Form.Item name="eventDate" label={t(`finder.eventDate.${kind}`)}>
        <DateRange testid="finder-event-date" />
      </Form.Item>
      <Form.Item name="query" label={t('finder.query')}>
        <Input
          ref={queryRef}
          allowClear
          // The contract's limit: a pasted 11,000 characters stop here, not at the server.
          maxLength={FIND_TEXT_MAX.query}
          placeholder={t('finder.queryPlaceholder')}
          className="finder-query"
          data-testid="finder-query"
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              onEnterResults();
            }
          }}
        />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="finder-search">
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button icon={<ReloadOutlined />} onClick={reset} data-testid="finder-reset">
          {t('common.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
