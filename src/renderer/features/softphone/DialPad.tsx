import { Button } from 'antd';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** Twelve keys; the same pad types a number before the call and sends DTMF during it. */
export function DialPad({ onKey, testId = 'dialpad' }: { onKey: (key: string) => void; testId?: string }) {
  return (
    <div className="softphone-dialpad" data-testid={testId}>
      {KEYS.map((k) => (
        <Button key={k} onClick={() => onKey(k)} data-testid={`${testId}-${k === '*' ? 'star' : k === '#' ? 'hash' : k}`}>
          {k}
        </Button>
      ))}
    </div>
  );
}
