// The PBX WebSocket servers a softphone may use are the admin's decision (config.json
// `softphone.pbxWebSocketOrigins`), never a nurse's: the page CSP's connect-src is built from this
// list alone, and a nurse's SIP account pointing anywhere else is refused when saved.
//
// An entry is a ws: or wss: origin, `wss://pbx.hospital.local:8089`; the port may be `*`
// (`ws://127.0.0.1:*`, as CSP allows), nothing else may be a wildcard.

const ENTRY = /^(wss?):\/\/([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?$/i;

export interface PbxOrigin {
  scheme: 'ws' | 'wss';
  host: string;
  /** '' for the scheme's default port, '*' for any. */
  port: string;
}

/** One entry of the admin's list, or null when it is not a plain ws(s) origin. */
export function parsePbxOrigin(entry: string): PbxOrigin | null {
  const m = ENTRY.exec(entry.trim());
  if (!m) return null;
  const scheme = m[1].toLowerCase() as 'ws' | 'wss';
  const port = m[3] ?? '';
  if (port !== '*' && port !== '' && Number(port) > 65535) return null;
  const defaultPort = scheme === 'ws' ? '80' : '443';
  return { scheme, host: m[2].toLowerCase(), port: port === defaultPort ? '' : port };
}

/** The entry as a CSP source expression (what connect-src carries). */
export const pbxCspSource = (o: PbxOrigin): string => `${o.scheme}://${o.host}${o.port ? `:${o.port}` : ''}`;

/** The admin's list as CSP sources; entries that do not parse are left out (config.ts refuses them anyway). */
export function pbxCspSources(entries: readonly string[]): string[] {
  const out = new Set<string>();
  for (const e of entries) {
    const o = parsePbxOrigin(e);
    if (o) out.add(pbxCspSource(o));
  }
  return [...out].sort();
}

/** Does a nurse's WebSocket URL point at a server on the admin's list? */
export function isAllowedPbxUrl(wsUrl: string, entries: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(wsUrl);
  } catch {
    return false;
  }
  if ((u.protocol !== 'ws:' && u.protocol !== 'wss:') || u.username || u.password) return false;
  const scheme = u.protocol.slice(0, -1);
  // URL gives hosts lower-cased, IDN in punycode, IPv6 in brackets and the default port as ''.
  return entries.some((e) => {
    const o = parsePbxOrigin(e);
    return !!o && o.scheme === scheme && o.host === u.hostname && (o.port === '*' || o.port === u.port);
  });
}
