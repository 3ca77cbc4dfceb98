import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExportKind } from '../../../shared/contract/reports';
import { navigate } from '../../app/router';
import { useStartExport } from './queries';
import './i18n';

interface Props {
  kind: ExportKind;
  /** What the export covers, read when a button is pressed; null disables the buttons. */
  params: () => Record<string, unknown> | null;
  disabled?: boolean;
  size?: 'small' | 'middle';
}

/** 导出 Excel / 导出 CSV: starts an export job; the file is downloaded from the export history. */
export function ExportButtons({ kind, params, disabled, size = 'middle' }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const start = useStartExport();

  const run = (format: 'xlsx' | 'csv') => {
    const p = params();
    if (!p) return;
    start.mutate(
      { kind, format, params: p },
      {
        onSuccess: () =>
          void message.success({
            key: 'export-started',
            content: (
              <span data-testid="export-started">
                {t('exports.started')} <a onClick={() => navigate({ name: 'exports' })}>{t('exports.open')}</a>
              </span>
            ),
          }),
      },
    );
  };

  const pending = start.isPending ? start.variables?.format : undefined;
  return (
    <Space size="small">
      <Button
        size={size}
        icon={<FileExcelOutlined />}
        disabled={disabled}
        loading={pending === 'xlsx'}
        onClick={() => run('xlsx')}
        data-testid={`export-${kind}-xlsx`}
      >
        {t('exports.excel')}
      </Button>
      <Button
        size={size}
        icon={<FileTextOutlined />}
        disabled={disabled}
        loading={pending === 'csv'}
        onClick={() => run('csv')}
        data-testid={`export-${kind}-csv`}
      >
        {t('exports.csv')}
      </Button>
    </Space>
  );
}
