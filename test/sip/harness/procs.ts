import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

// Child processes of the SIP tests: each started here, logged to its own file, and stopped by
// its own PID (SIGTERM, then SIGKILL after 5 s). Nothing is ever stopped by name.

export interface Proc {
  name: string;
  pid: number;
  child: ChildProcess;
  logFile: string;
  exited: Promise<number | null>;
  /** The log so far. */
  log(): string;
  write(line: string): void;
  stop(): Promise<void>;
}

/** Started and not yet exited, except those kept for the whole worker: stopped after each test. */
const perTest = new Set<Proc>();

/** Stops every per-test child still running (a failed test never leaves a sipp behind). */
export async function stopPerTestProcs(): Promise<void> {
  await Promise.all([...perTest].map((p) => p.stop()));
}

export function startProc(
  name: string,
  cmd: string,
  args: string[],
  opts: { logDir: string; cwd?: string; env?: NodeJS.ProcessEnv; stdin?: boolean; worker?: boolean },
): Proc {
  fs.mkdirSync(opts.logDir, { recursive: true });
  const logFile = path.join(opts.logDir, `${name}.log`);
  const out = fs.openSync(logFile, 'a');
  fs.writeSync(out, `$ ${cmd} ${args.join(' ')}\n`);
  const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: [opts.stdin ? 'pipe' : 'ignore', out, out] });
  fs.closeSync(out);
  if (!child.pid) throw new Error(`${name}: could not start ${cmd}`);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pid = child.pid;
  const proc: Proc = {
    name,
    pid,
    child,
    logFile,
    exited,
    log: () => fs.readFileSync(logFile, 'utf8'),
    write: (line) => void child.stdin?.write(line),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(pid, 'SIGTERM');
      const timedOut = await Promise.race([exited.then(() => false), sleep(5000).then(() => true)]);
      if (timedOut && child.exitCode === null && child.signalCode === null) {
        process.kill(pid, 'SIGKILL');
        await exited;
      }
    },
  };
  if (!opts.worker) {
    perTest.add(proc);
    void exited.then(() => perTest.delete(proc));
  }
  return proc;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function waitFor<T>(what: string, fn: () => T | Promise<T>, timeoutMs = 10_000, everyMs = 25): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export const tcpOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });

/** A port free for TCP and UDP alike on 127.0.0.1 (SIP listens on both kinds). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const sock = dgram.createSocket('udp4');
      sock.once('error', () => resolve(false));
      sock.bind(port, '127.0.0.1', () => sock.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
}

/** A block of `n` consecutive free UDP ports (RTP relays want a range). */
export async function freeRange(n: number): Promise<number> {
  for (;;) {
    const base = 20000 + 2 * Math.floor(Math.random() * 10000);
    const socks: dgram.Socket[] = [];
    let ok = true;
    for (let p = base; p < base + n && ok; p++) {
      const sock = dgram.createSocket('udp4');
      ok = await new Promise<boolean>((resolve) => {
        sock.once('error', () => resolve(false));
        sock.bind(p, '127.0.0.1', () => resolve(true));
      });
      socks.push(sock);
    }
    await Promise.all(
      socks.map(
        (s) =>
          new Promise<void>((r) => {
            try {
              s.close(() => r());
            } catch {
              r();
            }
          }),
      ),
    );
    if (ok) return base;
  }
}
