import { Alert, Button, Drawer, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/notices';
import { MessageLog } from '../messaging';
import { CallHistory } from '../softphone';
import { EventTimeline } from './EventTimeline';
import { PatientHeader } from './PatientHeader';
import { useTimeline } from './queries';

interface Props {
  patientId: number | null;
  onClose: () => void;
}

export function TimelineDrawer({ patientId, onClose }: Props) {
  const { t } = useTranslation();
  const timeline = useTimeline(patientId);
  const data = timeline.data;

  return (
    <Drawer
      open={patientId !== null}
      onClose={onClose}
      title={t('timeline.title')}
      size={880}
      destroyOnHidden
      className="timeline-drawer"
      data-testid="timeline-drawer"
    >
      {timeline.isLoading && <Skeleton active aria-label={t('timeline.loading')} />}
      {timeline.isError && (
        <Alert
          type="error"
          showIcon
          title={errorText(timeline.error, t)}
          action={
            <Button size="small" onClick={() => void timeline.refetch()}>
              {t('common.retry')}
            </Button>
          }
        />
      )}
      {data && (
        <div data-testid="timeline-ready" data-patient-id={data.patient.id}>
          <PatientHeader patient={data.patient} />
          <CallHistory patientId={data.patient.id} />
          <MessageLog patientId={data.patient.id} />
          <EventTimeline events={data.events} followups={data.followups} titleSpan="96px" />
        </div>
      )}
    </Drawer>
  );
}
