import { UserOutlined } from '@ant-design/icons';
import { Button, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallerMatch } from '../../../shared/contract/calls';
import { genderLabel } from '../../app/codes';
import { navigate } from '../../app/router';
import { useSoftphoneController, useSoftphoneSelector } from './SoftphoneProvider';

function MatchLine({ m, chosen, onChoose }: { m: CallerMatch; chosen: boolean; onChoose: () => void }) {
  const { t } = useTranslation();
  return (
    <Space size="small" wrap className={chosen ? 'caller-match chosen' : 'caller-match'} data-testid="caller-match" data-patient-id={m.patientId}>
      <UserOutlined />
      <Typography.Text strong data-testid="caller-name">
        {m.name}
      </Typography.Text>
      <span>{genderLabel(t, m.genderCode)}</span>
      {m.age !== null && <span>{m.age}</span>}
      <Tag color={m.phoneRole === 'self' ? 'blue' : 'default'}>
        {m.phoneRole === 'self' ? t('softphone.incoming.self') : [t('softphone.incoming.contact'), m.contactName, m.relation].filter(Boolean).join(' ')}
      </Tag>
      {m.openTaskId && <Tag color="orange">{t('softphone.incoming.task')}</Tag>}
      <Button
        size="small"
        type={chosen ? 'primary' : 'default'}
        data-testid="open-caller"
        onClick={() => {
          onChoose();
          navigate({ name: 'patient', patientId: m.patientId });
        }}
      >
        {t('softphone.incoming.open')}
      </Button>
    </Space>
  );
}

/** The screen pop: who is calling, from every phone of every patient. */
export function IncomingCall() {
  const { t } = useTranslation();
  const controller = useSoftphoneController();
  const screenPop = useSoftphoneSelector((s) => s.screenPop);
  if (!screenPop) return null;
  if (screenPop.loading) return <Spin size="small" />;
  if (screenPop.matches.length === 0) {
    return (
      <div className="caller-unknown" data-testid="caller-unknown">
        <Typography.Text strong>{t('softphone.incoming.unknown')}</Typography.Text>
        <br />
        <Typography.Text type="secondary">{t('softphone.incoming.unknownHint')}</Typography.Text>
      </div>
    );
  }
  return (
    <Space direction="vertical" size={4} data-testid="caller-matches">
      {screenPop.matches.length > 1 && <Typography.Text type="secondary">{t('softphone.incoming.several')}</Typography.Text>}
      {screenPop.matches.map((m) => (
        <MatchLine key={m.patientId} m={m} chosen={screenPop.chosen === m.patientId} onChoose={() => controller.choosePatient(m.patientId, m.openTaskId)} />
      ))}
    </Space>
  );
}
