import { Alert, App as AntApp, Button, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MessageRecord, MessageStatus } from '../../../shared/contract/messaging';
import { useMe } from '../auth/queries';
import './i18n';
import { useOptOut, usePatientMessages } from './queries';
import { SendSmsButton } from './SendSmsDialog';

const STATUS_COLOUR: Record<MessageStatus, string> = {
  sending: 'processing',
  queued: 'processing',
  sent: 'blue',
  delivered: 'green',
  undelivered: 'orange',
  failed: 'red',
  logged: 'default',
  received: 'cyan',
};

function MessageItem({ m }: { m: MessageRecord }) {
  const { t } = useTranslation();
  return (
    <List.Item data-testid="message-row" data-message-id={m.id} data-status={m.status}>
      <List.Item.Meta
        title={
          <Space size={4} wrap>
            <span>{m.sentAt ?? m.createdAt}</span>
            <Tag color={m.direction === 'inbound' ? 'green' : 'blue'}>{t(`messaging.direction.${m.direction}`)}</Tag>
            {m.direction === 'outbound' && <Tag color={STATUS_COLOUR[m.status]}>{t(`messaging.status.${m.status}`)}</Tag>}
            <span className="phone-number">{m.phone}</span>
            <Typography.Text type="secondary">
              {m.direction === 'outbound' ? (m.sentByName ?? t('messaging.auto')) : ''}
              {(m.taskId ?? m.aboutTaskId) ? ` · ${t('messaging.task', { id: m.taskId ?? m.aboutTaskId })}` : ''}
            </Typography.Text>
          </Space>
        }
        description={
          <>
            <div className="message-body">{m.body}</div>
            {m.errorCode && (
              <Typography.Text type="danger">
                {m.errorMessage ?? m.errorCode} ({m.errorCode})
              </Typography.Text>
            )}
          </>
        }
      />
    </List.Item>
  );
}

/** A patient's SMS (sent and replies) with delivery status and opt-out; embedded in the timeline. */
export function MessageLog({ patientId, canSend = true }: { patientId: number; canSend?: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const data = usePatientMessages(patientId);
  const me = useMe();
  const optOut = useOptOut();
  const role = me.data?.user?.role;
  const worker = role === 'nurse' || role === 'head';
  const optedOut = !!data.data?.optedOut;
  return (
    <section className="message-log" style={{ margin: '8px 0 16px' }} data-testid="message-log" data-opted-out={optedOut ? '1' : '0'}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('messaging.title')}
        </Typography.Title>
        {worker && (
          <Space>
            {canSend && !optedOut && <SendSmsButton patientId={patientId} />}
            {!optedOut && (
              <Popconfirm
                title={t('messaging.optOutConfirm')}
                onConfirm={() => optOut.mutate({ patientId }, { onSuccess: () => void message.success(t('messaging.optOutDone')) })}
              >
                <Button size="small" danger loading={optOut.isPending} data-testid="sms-opt-out">
                  {t('messaging.optOut')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )}
      </Space>
      {optedOut && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={t('messaging.optedOut')}
          description={data
            .data!.optOuts.map(
              (o) => `${o.at} ${t(`messaging.source.${o.source}`)}${o.phone ? ` ${o.phone}` : ''}${o.note ? `${t('common.colon')}${o.note}` : ''}`,
            )
            .join('；')}
        />
      )}
      <List<MessageRecord>
        size="small"
        loading={data.isLoading}
        dataSource={data.data?.messages ?? []}
        locale={{ emptyText: t('messaging.none') }}
        rowKey="id"
        renderItem={(m) => <MessageItem m={m} />}
      />
    </section>
  );
}
