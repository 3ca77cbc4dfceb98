import { startProc, waitFor, type Proc } from './procs';

// rtpengine in userspace, loopback only, no config file: the WebRTC <-> plain RTP relay.
export async function startRtpengine(o: { ngPort: number; portMin: number; portMax: number; logDir: string }): Promise<Proc> {
  const proc = startProc(
    'rtpengine',
    'rtpengine',
    [
      '--config-file=none',
      '--foreground',
      '--log-stderr',
      '--table=-1',
      '--interface=127.0.0.1',
      `--listen-ng=127.0.0.1:${o.ngPort}`,
      `--port-min=${o.portMin}`,
      `--port-max=${o.portMax}`,
      '--log-level=6',
    ],
    { logDir: o.logDir, worker: true },
  );
  await waitFor(
    'rtpengine start-up',
    () => {
      if (proc.child.exitCode !== null) throw new Error(`rtpengine exited: ${proc.log().slice(-2000)}`);
      return /Startup complete|control ng listening|listening/i.test(proc.log());
    },
    10_000,
  );
  return proc;
}
