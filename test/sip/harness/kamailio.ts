import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import { startProc, tcpOpen, waitFor, type Proc } from './procs';
import { HARNESS } from './repo';

// One kamailio per test: its own config (ports, passwords), runtime dir and log. restart()
// brings it back on the same ports, as a PBX restart would.

export interface KamailioOptions {
  sipPort: number;
  wsPort: number;
  rtpePort: number;
  /** user → password, for digest auth. */
  users: Record<string, string>;
  dir: string;
  logDir: string;
}

export class Kamailio {
  private proc: Proc | null = null;
  private starts = 0;
  readonly cfg: string;

  constructor(readonly o: KamailioOptions) {
    fs.mkdirSync(o.dir, { recursive: true });
    this.cfg = path.join(o.dir, 'kamailio.cfg');
    const template = fs.readFileSync(path.join(HARNESS, 'kamailio.cfg'), 'utf8');
    const passwords = Object.entries(o.users)
      .map(([u, p]) => `\t$sht(pw=>${u}) = "${p}";`)
      .join('\n');
    fs.writeFileSync(
      this.cfg,
      template
        .replaceAll('@SIP_PORT@', String(o.sipPort))
        .replaceAll('@WS_PORT@', String(o.wsPort))
        .replaceAll('@RTPE_PORT@', String(o.rtpePort))
        .replace('@PASSWORDS@', passwords),
    );
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.o.wsPort}`;
  }

  /** Syntax check (kamailio -c), so a broken config fails with its own message. */
  check(): void {
    execFileSync('kamailio', ['-c', '-f', this.cfg], { stdio: 'pipe' });
  }

  async start(): Promise<void> {
    this.starts += 1;
    const run = path.join(this.o.dir, 'run');
    fs.mkdirSync(run, { recursive: true });
    this.proc = startProc(
      this.starts === 1 ? 'kamailio' : `kamailio-${this.starts}`,
      'kamailio',
      ['-f', this.cfg, '-DD', '-E', '-Y', run, '-P', path.join(run, 'kamailio.pid')],
      { logDir: this.o.logDir },
    );
    const proc = this.proc;
    await waitFor(
      'kamailio WebSocket port',
      async () => {
        if (proc.child.exitCode !== null) throw new Error(`kamailio exited: ${proc.log().slice(-2000)}`);
        return tcpOpen(this.o.wsPort);
      },
      10_000,
    );
    // The port opens before the workers are ready (they ping rtpengine first): wait for a
    // SIP answer, so a test never talks to a PBX that swallows its first requests.
    await waitFor('kamailio answering SIP', () => sipPing(this.o.sipPort), 20_000, 100);
  }

  async stop(): Promise<void> {
    await this.proc?.stop();
    this.proc = null;
  }

  log(): string {
    return this.proc?.log() ?? '';
  }
}

/** Sends OPTIONS over UDP; true once any response comes back within 300 ms. */
function sipPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = dgram.createSocket('udp4');
    const done = (ok: boolean) => {
      clearTimeout(timer);
      sock.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 300);
    sock.on('message', () => done(true));
    sock.on('error', () => done(false));
    sock.bind(0, '127.0.0.1', () => {
      const local = (sock.address() as { port: number }).port;
      const branch = `z9hG4bK-ping-${Date.now()}`;
      const msg = [
        `OPTIONS sip:127.0.0.1:${port} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${local};branch=${branch}`,
        'From: <sip:ping@127.0.0.1>;tag=ping',
        `To: <sip:127.0.0.1:${port}>`,
        `Call-ID: ping-${branch}@127.0.0.1`,
        'CSeq: 1 OPTIONS',
        'Max-Forwards: 70',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
      sock.send(msg, port, '127.0.0.1');
    });
  });
}
