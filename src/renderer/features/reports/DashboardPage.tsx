import { Alert, Col, DatePicker, Empty, Row, Select, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MetricDefinition } from '../../../shared/contract/reports';
import type { User } from '../../../shared/model';
import { errorText } from '../../api/notices';
import { ExportButtons } from '../exports/ExportButtons';
import { DrillDrawer } from './DrillDrawer';
import { MetricCard } from './MetricCard';
import { useDashboard, useMetrics } from './queries';
import { TrendCharts } from './TrendCharts';
import { currentMonth, useScope } from './useScope';
import './i18n';
import '../charts/head-pages.css';

export function DashboardPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const today = currentMonth();
  const [month, setMonth] = useState(today);
  const [chosen, setChosen] = useState<number[]>([]);
  const [drill, setDrill] = useState<MetricDefinition | null>(null);
  const scope = useScope(user);
  const deptIds = chosen.length ? chosen : undefined;
  const metrics = useMetrics();
  const dashboard = useDashboard(month, deptIds);
  const defs = useMemo(() => new Map((metrics.data ?? []).map((d) => [d.code, d])), [metrics.data]);

  if (scope.empty) {
    return <Empty className="reports-empty" description={t('reports.noDepts')} data-testid="dashboard-no-depts" />;
  }
  const failure = dashboard.error ?? metrics.error;
  const ready = dashboard.isSuccess && metrics.isSuccess && !dashboard.isFetching && !dashboard.isPlaceholderData;

  return (
    <div className="reports-page" data-testid="dashboard-page">
      <div className="reports-toolbar">
        <Space size="middle" wrap>
          <Typography.Title level={5} className="reports-title">
            {t('reports.nav.dashboard')}
          </Typography.Title>
          <span>{t('reports.month')}</span>
          <DatePicker
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            disabledDate={(d) => d.format('YYYY-MM') > today}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
            data-testid="dashboard-month"
          />
          <span>{t('reports.depts')}</span>
          <Select
            mode="multiple"
            allowClear
            className="reports-depts"
            placeholder={user.role === 'admin' ? t('reports.deptsAllAdmin') : t('reports.deptsAll')}
            value={chosen}
            onChange={setChosen}
            loading={scope.loading}
            optionFilterProp="label"
            options={scope.departments.map((d) => ({ value: d.id, label: d.name }))}
            maxTagCount="responsive"
            data-testid="dashboard-depts"
          />
        </Space>
        <ExportButtons kind="dashboard" params={() => ({ month, deptIds })} disabled={!dashboard.isSuccess} />
      </div>
      {failure ? (
        <Alert type="warning" showIcon title={t('reports.notReady')} description={errorText(failure, t)} data-testid="dashboard-error" />
      ) : !dashboard.data || !metrics.data ? (
        <Spin className="reports-loading" />
      ) : (
        <>
          <Typography.Text type="secondary" className="reports-hint">
            {t('reports.clickToDrill')}
          </Typography.Text>
          <Row gutter={[8, 8]} className="metric-grid" data-testid="metric-grid" data-ready={ready ? 'true' : 'false'}>
            {dashboard.data.metrics.map((m) => {
              const def = defs.get(m.code);
              return def ? (
                <Col key={m.code} xs={12} md={8} lg={6} xl={4} xxl={3}>
                  <MetricCard metric={m} def={def} onDrill={() => setDrill(def)} />
                </Col>
              ) : null;
            })}
          </Row>
          <TrendCharts metrics={dashboard.data.metrics} defs={defs} />
        </>
      )}
      <DrillDrawer def={drill} month={month} deptIds={deptIds} onClose={() => setDrill(null)} />
    </div>
  );
}
