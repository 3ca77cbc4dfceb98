import { SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, InputNumber } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditFilter } from '../../../shared/contract/audit';

interface Values {
  period?: [Dayjs | null, Dayjs | null] | null;
  username?: string;
  action?: string;
  patientId?: number | null;
  address?: string;
}

const text = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);

export function toFilter(v: Values): AuditFilter {
  return {
    from: v.period?.[0]?.format('YYYY-MM-DD'),
    to: v.period?.[1]?.format('YYYY-MM-DD'),
    username: text(v.username),
    action: text(v.action),
    patientId: v.patientId ?? undefined,
    address: text(v.address),
  };
}

/** 日期 / 用户名 / 操作 / 患者编号 / 来源: applied on 查询, cleared by 重置. */
export function AuditFilters({ onSearch }: { onSearch: (f: AuditFilter) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  return (
    <Form form={form} layout="inline" onFinish={(v) => onSearch(toFilter(v))} data-testid="audit-filters" style={{ rowGap: 8, marginBottom: 12 }}>
      <Form.Item name="period" label={t('audit.filter.period')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item name="username" label={t('audit.filter.username')}>
        <Input allowClear maxLength={64} style={{ width: 140 }} data-testid="audit-filter-username" />
      </Form.Item>
      <Form.Item name="action" label={t('audit.filter.action')}>
        <Input allowClear maxLength={64} style={{ width: 150 }} data-testid="audit-filter-action" />
      </Form.Item>
      <Form.Item name="patientId" label={t('audit.filter.patientId')}>
        <InputNumber min={1} precision={0} style={{ width: 120 }} data-testid="audit-filter-patient" />
      </Form.Item>
      <Form.Item name="address" label={t('audit.filter.address')}>
        <Input allowClear maxLength={255} style={{ width: 150 }} data-testid="audit-filter-address" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
          {t('audit.filter.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onSearch({});
          }}
        >
          {t('audit.filter.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
