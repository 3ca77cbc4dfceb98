import { FileImageOutlined, FileTextOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Space, Spin, Statistic, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/model';
import { errorText } from '../../api/notices';
import { beijingToday } from '../../app/server-clock';
import { EChart } from '../charts/EChart';
import type { EChartsInstance } from '../charts/echarts';
import { useScope } from '../reports/useScope';
import { saveCsv, saveFile } from './csv';
import { pct, pValueText } from './format';
import { useNamedGroups } from './group-names';
import { kmOption } from './km-option';
import { useSurvival, type SurvivalInput } from './queries';
import { SurvivalForm } from './SurvivalForm';
import { RiskTable, SummaryTable, summaryRows } from './SurvivalTables';
import './i18n';
import '../charts/head-pages.css';

const USABLE_COMPLETENESS = 0.9;

export function SurvivalPage({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const scope = useScope(user);
  const [input, setInput] = useState<SurvivalInput | null>(null);
  const [seq, setSeq] = useState(0);
  const [showCi, setShowCi] = useState(true);
  const chart = useRef<EChartsInstance | null>(null);
  const result = useSurvival(input, seq);
  const data = useNamedGroups(result.data);
  const option = useMemo(() => (data ? kmOption(data.groups, showCi, t) : null), [data, showCi, t, i18n.language]);
  const share = data?.completeness.share ?? null;
  const fileBase = `${t('survival.fileName')}-${beijingToday()}`;

  if (scope.empty) return <Empty className="reports-empty" description={t('reports.noDepts')} />;

  return (
    <div className="reports-page" data-testid="survival-page">
      <SurvivalForm
        departments={scope.departments}
        onCiChange={setShowCi}
        onRun={(next, ci) => {
          setShowCi(ci);
          setInput(next);
          setSeq((n) => n + 1);
        }}
      />
      {result.isError && <Alert type="warning" showIcon title={errorText(result.error, t)} />}
      {!input && <Empty description={t('survival.empty')} />}
      {input && result.isFetching && <Spin className="reports-loading" />}
      {data &&
        !result.isFetching &&
        (data.groups.length === 0 ? (
          <Empty description={t('survival.noPatients')} />
        ) : (
          <Row gutter={[8, 8]}>
            <Col xs={24} xl={18}>
              <Card
                size="small"
                title={t('survival.chartTitle')}
                extra={
                  <Space size="small">
                    <Button
                      size="small"
                      icon={<FileTextOutlined />}
                      onClick={() => saveCsv(`${fileBase}.csv`, summaryRows(data.groups, t))}
                      data-testid="survival-csv"
                    >
                      {t('survival.exportCsv')}
                    </Button>
                    <Button
                      size="small"
                      icon={<FileImageOutlined />}
                      onClick={() =>
                        chart.current && saveFile(`${fileBase}.png`, chart.current.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }))
                      }
                      data-testid="survival-png"
                    >
                      {t('survival.exportPng')}
                    </Button>
                  </Space>
                }
              >
                {option && <EChart option={option} height={380} testId="survival-chart" onReady={(c) => (chart.current = c)} />}
                <RiskTable groups={data.groups} />
              </Card>
            </Col>
            <Col xs={24} xl={6}>
              <Card size="small" data-testid="survival-completeness">
                <Statistic title={t('survival.col.completeness')} value={pct(share)} />
                <Typography.Paragraph type="secondary" className="reports-hint">
                  {t('survival.completeness', { share: pct(share), known: data.completeness.known, total: data.completeness.total })}
                </Typography.Paragraph>
                {share !== null && share < USABLE_COMPLETENESS && (
                  <Alert type="warning" showIcon title={t('survival.lowCompleteness')} data-testid="survival-low-completeness" />
                )}
                <Typography.Paragraph className="survival-logrank">
                  {data.logRank
                    ? t('survival.logRank', { chi: data.logRank.chiSquare.toFixed(2), df: data.logRank.df, p: pValueText(data.logRank.pValue) })
                    : t('survival.logRankNone')}
                </Typography.Paragraph>
              </Card>
            </Col>
            <Col span={24}>
              <SummaryTable groups={data.groups} />
              <Typography.Text type="secondary" className="reports-hint">
                {t(`survival.transform.${data.transform}`)}
              </Typography.Text>
            </Col>
          </Row>
        ))}
    </div>
  );
}
