import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Switch, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanSummary } from '../../../shared/contract/plans';
import { useTextIn } from '../../i18n/text-in';
import { usePlanList } from './queries';

interface Props {
  selected: number | null;
  showRetired: boolean;
  onShowRetired: (v: boolean) => void;
  onCreate: () => void;
  onSelect: (planId: number) => void;
}

export function PlanList({ selected, showRetired, onShowRetired, onCreate, onSelect }: Props) {
  const { t } = useTranslation();
  const plans = usePlanList(showRetired);
  const pick = useTextIn();
  const none = t('plans.list.none');
  return (
    <Card
      size="small"
      title={t('plans.list.title')}
      className="plan-list"
      extra={
        <Space>
          <Switch size="small" checked={showRetired} onChange={onShowRetired} /> {t('plans.list.showRetired')}
          <Button type="primary" size="small" icon={<PlusOutlined />} onClick={onCreate} data-testid="plan-create">
            {t('plans.list.create')}
          </Button>
        </Space>
      }
    >
      <Table<PlanSummary>
        size="small"
        rowKey="id"
        loading={plans.isLoading}
        dataSource={plans.data ?? []}
        pagination={false}
        rowClassName={(p) => (p.id === selected ? 'plan-row-selected' : '')}
        onRow={(p) => ({ onClick: () => onSelect(p.id), 'data-testid': 'plan-row', 'data-plan-code': p.code }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('plans.list.name'),
            key: 'name',
            render: (_, p) => (
              <span>
                <Typography.Text strong>{pick(p.name, p.nameEn)}</Typography.Text>
                <Typography.Text type="secondary" className="plan-code">
                  {p.code}
                </Typography.Text>
                {p.retired && <Tag>{t('plans.list.retired')}</Tag>}
              </span>
            ),
          },
          { title: t('plans.list.active'), key: 'active', width: 64, render: (_, p) => (p.activeVersion ? <Tag color="green">v{p.activeVersion}</Tag> : none) },
          { title: t('plans.list.draft'), key: 'draft', width: 56, render: (_, p) => (p.draftVersion ? <Tag color="blue">v{p.draftVersion}</Tag> : none) },
          { title: t('plans.list.enrolments'), dataIndex: 'activeEnrolments', width: 72, align: 'right' },
          { title: t('plans.list.pending'), dataIndex: 'pendingTasks', width: 64, align: 'right' },
        ]}
      />
    </Card>
  );
}
