import fs from 'node:fs';
import path from 'node:path';
import { startProc, waitFor, type Proc } from './procs';

// baresip as the patient's phone: registers the patient's number over UDP, answers
// automatically, sends a 440 Hz tone, and logs what it hears and the DTMF it receives.

export interface Baresip {
  proc: Proc;
  /** Tell baresip to hang up the current call (the patient hangs up). */
  hangup(): void;
  log(): string;
  stop(): Promise<void>;
}

export async function startBaresip(o: { user: string; password: string; proxyPort: number; port: number; dir: string; logDir: string }): Promise<Baresip> {
  const conf = path.join(o.dir, 'baresip');
  fs.mkdirSync(conf, { recursive: true });
  fs.writeFileSync(
    path.join(conf, 'config'),
    [
      'poll_method epoll',
      `sip_listen 127.0.0.1:${o.port}`,
      'audio_source ausine,440',
      'audio_player aubridge,sink',
      'audio_alert aubridge,sink',
      'module_path /usr/lib/baresip/modules',
      'module stdio.so',
      'module g711.so',
      'module opus.so',
      'module ausine.so',
      'module aubridge.so',
      'module_app account.so',
      'module_app menu.so',
      'module_app rtcpsummary.so',
      'rtp_stats yes',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(conf, 'accounts'),
    `<sip:${o.user}@127.0.0.1;transport=udp>;auth_pass=${o.password};answermode=auto;outbound="sip:127.0.0.1:${o.proxyPort};transport=udp";regint=300\n`,
  );
  fs.writeFileSync(path.join(conf, 'contacts'), '');
  const proc = startProc('baresip', 'baresip', ['-f', conf, '-4', '-n', '127.0.0.1'], { logDir: o.logDir, stdin: true });
  await waitFor(
    'baresip registration',
    () => {
      if (proc.child.exitCode !== null) throw new Error(`baresip exited: ${proc.log().slice(-2000)}`);
      return /200 OK|registered successfully/i.test(proc.log());
    },
    10_000,
  );
  return {
    proc,
    hangup: () => proc.write('/hangup\n'),
    log: () => proc.log(),
    stop: () => proc.stop(),
  };
}
