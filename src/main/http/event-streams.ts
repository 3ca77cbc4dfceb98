import type http from 'node:http';
import type { App } from '../app';

/**
 * The open `GET /api/events` streams, by session. A stream lives only as long as its session:
 * signing out closes it at once, and every `checkMs` each stream re-checks its session (without
 * counting as activity, so an open page does not keep an idle session alive) and ends when the
 * session has ended (idle, past 12 h, user disabled).
 */
export class EventStreams {
  private bySession = new Map<string, Set<http.ServerResponse>>();
  private enders = new WeakMap<http.ServerResponse, () => void>();

  constructor(
    private app: App,
    private checkMs = 25_000,
  ) {}

  async open(token: string | null, req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    if (!token || !(await this.app.userForToken(token, { touch: false }))) return false;
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    const streams = this.bySession.get(token) ?? new Set();
    this.bySession.set(token, streams.add(res));
    // Nothing is written once the stream has ended (an event racing the end would be an error).
    const send = (chunk: string) => void (res.writableEnded || res.write(chunk));
    const unsubscribe = this.app.events.subscribe((event, payload) => send(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`));
    const check = setInterval(() => {
      void this.app.userForToken(token, { touch: false }).then(
        (user) => (user ? send(': ping\n\n') : end()),
        () => end(),
      );
    }, this.checkMs);
    const end = () => {
      clearInterval(check);
      unsubscribe();
      streams.delete(res);
      if (!streams.size && this.bySession.get(token) === streams) this.bySession.delete(token);
      if (!res.writableEnded && !res.destroyed) res.end();
    };
    this.enders.set(res, end);
    res.once('close', end);
    req.once('close', end);
    return true;
  }

  /** Signed out: the session's streams end now. */
  closeSession(token: string | null): void {
    for (const res of [...(this.bySession.get(token ?? '') ?? [])]) this.enders.get(res)?.();
  }
}
