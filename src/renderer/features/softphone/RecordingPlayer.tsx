import { PlayCircleOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { showError } from '../../api/notices';
import { fetchRecording } from './recording-io';

/** Fetches a call's recording on demand (audited in main) and plays it from a blob: URL. */
export function RecordingPlayer({ callId }: { callId: number }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  if (url) return <audio src={url} controls autoPlay className="recording-player" data-testid="recording-player" />;
  return (
    <Button
      size="small"
      icon={<PlayCircleOutlined />}
      loading={loading}
      data-testid="play-recording"
      onClick={() => {
        setLoading(true);
        fetchRecording(callId)
          .then((blob) => setUrl(URL.createObjectURL(blob)))
          .catch((err) => showError(err, t))
          .finally(() => setLoading(false));
      }}
    >
      {t('softphone.history.play')}
    </Button>
  );
}
