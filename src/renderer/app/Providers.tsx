import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setErrorSink } from '../api/notices';
import { createQueryClient } from './query-client';

// Hospital PCs are mostly Windows with YaHei; Noto CJK covers Linux and the test machines.
const FONT =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', " +
  "'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif";

function ErrorSinkBridge() {
  const { message } = AntApp.useApp();
  useEffect(() => setErrorSink((text) => void message.error(text, 5)), [message]);
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [queryClient] = useState(createQueryClient);
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: { fontFamily: FONT, borderRadius: 4 },
        // Nurses scan long result lists all day: tighter rows, same font size.
        components: { Table: { cellPaddingBlockSM: 5 } },
      }}
    >
      <AntApp>
        <ErrorSinkBridge />
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
