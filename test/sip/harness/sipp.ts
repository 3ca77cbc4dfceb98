import fs from 'node:fs';
import path from 'node:path';
import { startProc, type Proc } from './procs';

// sipp plays the patient's phone (plain SIP + PCMA RTP, as a PSTN gateway would present it):
// register it under the patient's number, answer or refuse calls, or call the nurse.

const PCAP = '/usr/share/sip-tester/g711a.pcap';

export interface SippBase {
  /** kamailio UDP port. */
  proxyPort: number;
  /** The patient's number: the SIP user part. */
  user: string;
  dir: string;
  logDir: string;
}

const sdp = `v=0
o=sipp 1 1 IN IP4 [media_ip]
s=-
c=IN IP4 [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 8 101
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
a=sendrecv
`;

function write(dir: string, name: string, xml: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE scenario SYSTEM "sipp.dtd">\n${xml}\n`);
  return file;
}

function run(name: string, scenario: string, args: string[], o: SippBase): Proc {
  // The SIP messages and any unexpected one go to files beside the log (failure artefacts).
  return startProc(
    name,
    'sipp',
    [
      '-sf',
      scenario,
      '-i',
      '127.0.0.1',
      '-m',
      '1',
      '-nostdin',
      '-trace_err',
      '-error_file',
      path.join(o.logDir, `${name}-errors.log`),
      '-trace_msg',
      '-message_file',
      path.join(o.logDir, `${name}-messages.log`),
      ...args,
    ],
    { logDir: o.logDir, cwd: o.dir },
  );
}

/** REGISTER (with digest auth) the patient's number, Contact pointing at the UAS port. */
export function sippRegister(o: SippBase & { password: string; contactPort: number }): Proc {
  const req = (cseq: number, auth: string) => `
<send retrans="500"><![CDATA[
REGISTER sip:127.0.0.1:${o.proxyPort} SIP/2.0
Via: SIP/2.0/UDP [local_ip]:[local_port];branch=[branch]
From: <sip:${o.user}@127.0.0.1>;tag=[call_number]
To: <sip:${o.user}@127.0.0.1>
Call-ID: [call_id]
CSeq: ${cseq} REGISTER
Contact: <sip:${o.user}@127.0.0.1:${o.contactPort}>
Max-Forwards: 70
Expires: 300
${auth}Content-Length: 0

]]></send>`;
  const file = write(
    o.dir,
    'register.xml',
    `<scenario name="register">
${req(1, '')}
<recv response="401" auth="true"/>
${req(2, '[authentication username=' + o.user + ' password=' + o.password + ']\n')}
<recv response="200"/>
</scenario>`,
  );
  return run('sipp-register', file, [`127.0.0.1:${o.proxyPort}`], o);
}

/** Answer the next INVITE and play audio; then hang up after `byeAfterMs` (the patient hangs up) or wait for our BYE. */
export function sippAnswer(o: SippBase & { port: number; mediaPort: number; byeAfterMs?: number; caller: string }): Proc {
  const hangup = o.byeAfterMs
    ? `<pause milliseconds="${o.byeAfterMs}"/>
<send retrans="500"><![CDATA[
BYE [next_url] SIP/2.0
Via: SIP/2.0/UDP [local_ip]:[local_port];branch=[branch]
[routes]
From: <sip:${o.user}@127.0.0.1>;tag=[pid]sippuas[call_number]
To: <sip:${o.caller}@127.0.0.1>;tag=[$ftag]
Call-ID: [call_id]
CSeq: 2 BYE
Max-Forwards: 70
Content-Length: 0

]]></send>
<recv response="200"/>`
    : `<recv request="BYE"/>
<send><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

]]></send>`;
  const file = write(
    o.dir,
    'uas.xml',
    `<scenario name="patient answers">
<recv request="INVITE" rrs="true">
  <!-- The caller's tag, for the To of our own BYE. -->
  <action><ereg regexp="tag=([^;>[:space:]]+)" search_in="hdr" header="From:" assign_to="junk,ftag"/></action>
</recv>
<Reference variables="junk"/>
<send><![CDATA[
SIP/2.0 180 Ringing
[last_Via:]
[last_Record-Route:]
[last_From:]
[last_To:];tag=[pid]sippuas[call_number]
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:${o.user}@[local_ip]:[local_port]>
Content-Length: 0

]]></send>
<pause milliseconds="300"/>
<send retrans="500"><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_Record-Route:]
[last_From:]
[last_To:];tag=[pid]sippuas[call_number]
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:${o.user}@[local_ip]:[local_port]>
Content-Type: application/sdp
Content-Length: [len]

${sdp}]]></send>
<recv request="ACK" crlf="true"/>
<nop><action><exec play_pcap_audio="${PCAP}"/></action></nop>
${hangup}
</scenario>`,
  );
  return run('sipp-uas', file, ['-p', String(o.port), '-mi', '127.0.0.1', '-mp', String(o.mediaPort)], o);
}

/** Refuse the next INVITE with `code` (486 busy …). */
export function sippRefuse(o: SippBase & { port: number; code: number; reason: string }): Proc {
  const file = write(
    o.dir,
    `refuse-${o.code}.xml`,
    `<scenario name="patient refuses">
<recv request="INVITE"/>
<send><![CDATA[
SIP/2.0 ${o.code} ${o.reason}
[last_Via:]
[last_From:]
[last_To:];tag=[pid]sippuas[call_number]
[last_Call-ID:]
[last_CSeq:]
Content-Length: 0

]]></send>
<recv request="ACK"/>
</scenario>`,
  );
  return run(`sipp-refuse-${o.code}`, file, ['-p', String(o.port)], o);
}

/**
 * The patient calls the nurse's extension. `hangAfterMs`: BYE that long after the answer;
 * `cancelAfterMs`: give up ringing (a missed call).
 */
export function sippCall(o: SippBase & { port: number; mediaPort: number; to: string; hangAfterMs?: number; cancelAfterMs?: number }): Proc {
  const invite = `
<send retrans="500"><![CDATA[
INVITE sip:${o.to}@127.0.0.1:${o.proxyPort} SIP/2.0
Via: SIP/2.0/UDP [local_ip]:[local_port];branch=[branch]
From: <sip:${o.user}@127.0.0.1>;tag=[pid]sippuac[call_number]
To: <sip:${o.to}@127.0.0.1>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: <sip:${o.user}@[local_ip]:[local_port]>
Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

${sdp}]]></send>
<recv response="100" optional="true"/>`;
  const body = o.cancelAfterMs
    ? `<recv response="180"/>
<pause milliseconds="${o.cancelAfterMs}"/>
<send><![CDATA[
CANCEL sip:${o.to}@127.0.0.1:${o.proxyPort} SIP/2.0
[last_Via:]
From: <sip:${o.user}@127.0.0.1>;tag=[pid]sippuac[call_number]
To: <sip:${o.to}@127.0.0.1>
Call-ID: [call_id]
CSeq: 1 CANCEL
Max-Forwards: 70
Content-Length: 0

]]></send>
<recv response="200"/>
<recv response="487"/>
<send><![CDATA[
ACK sip:${o.to}@127.0.0.1:${o.proxyPort} SIP/2.0
[last_Via:]
From: <sip:${o.user}@127.0.0.1>;tag=[pid]sippuac[call_number]
[last_To:]
Call-ID: [call_id]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0

]]></send>`
    : `<recv response="180" optional="true"/>
<recv response="183" optional="true"/>
<recv response="200" rrs="true"/>
<send><![CDATA[
ACK [next_url] SIP/2.0
Via: SIP/2.0/UDP [local_ip]:[local_port];branch=[branch]
[routes]
From: <sip:${o.user}@127.0.0.1>;tag=[pid]sippuac[call_number]
[last_To:]
Call-ID: [call_id]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0

]]></send>
<nop><action><exec play_pcap_audio="${PCAP}"/></action></nop>
<pause milliseconds="${o.hangAfterMs ?? 3000}"/>
<send retrans="500"><![CDATA[
BYE [next_url] SIP/2.0
Via: SIP/2.0/UDP [local_ip]:[local_port];branch=[branch]
[routes]
From: <sip:${o.user}@127.0.0.1>;tag=[pid]sippuac[call_number]
[last_To:]
Call-ID: [call_id]
CSeq: 2 BYE
Max-Forwards: 70
Content-Length: 0

]]></send>
<recv response="200"/>`;
  const file = write(o.dir, o.cancelAfterMs ? 'uac-cancel.xml' : 'uac.xml', `<scenario name="patient calls">${invite}\n${body}\n</scenario>`);
  return run(
    o.cancelAfterMs ? 'sipp-uac-cancel' : 'sipp-uac',
    file,
    ['-p', String(o.port), '-mi', '127.0.0.1', '-mp', String(o.mediaPort), `127.0.0.1:${o.proxyPort}`],
    o,
  );
}
