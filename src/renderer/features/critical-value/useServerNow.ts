import { useEffect, useState } from 'react';
import { serverNow } from '../../app/server-clock';

/** The server's clock, re-read every `everyMs` so a countdown moves on screen. */
export function useServerNow(everyMs = 10_000): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
