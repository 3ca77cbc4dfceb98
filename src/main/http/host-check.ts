import net from 'node:net';
import os from 'node:os';

// DNS rebinding: a page from attacker.example whose name is made to resolve to this server's
// address can send requests here that the browser treats as same-origin, with Host:
// attacker.example. Requests are answered only when the Host header names this server: its
// bound address (every interface address when bound to all), localhost when bound to loopback,
// on the bound port; or a host name the admin lists in serve.allowedHosts ("name" or "name:port").

const LOOPBACK = new Set(['127.0.0.1', '::1']);
const WILDCARD = new Set(['0.0.0.0', '::', '']);

/** [host name in lower case without brackets, port or null], or null when unreadable. */
function parseHost(value: string): [string, number | null] | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value.trim());
  if (!m) return null;
  return [m[1].replace(/^\[|\]$/g, '').toLowerCase(), m[2] === undefined ? null : Number(m[2])];
}

function localAddresses(): Set<string> {
  const out = new Set<string>(LOOPBACK);
  for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) out.add(a.address.toLowerCase());
  return out;
}

export function hostAllowed(hostHeader: string | undefined, bound: { host: string; port: number }, allowedHosts: readonly string[]): boolean {
  const parsed = hostHeader ? parseHost(hostHeader) : null;
  if (!parsed) return false;
  const [name, port] = parsed;
  for (const entry of allowedHosts) {
    const allowed = parseHost(entry);
    if (allowed && allowed[0] === name && (allowed[1] === null || allowed[1] === port)) return true;
  }
  if (port !== bound.port) return false;
  const boundHost = bound.host.toLowerCase();
  const loopback = LOOPBACK.has(boundHost) || boundHost === 'localhost' || WILDCARD.has(boundHost);
  if (name === 'localhost') return loopback;
  if (!net.isIP(name)) return name === boundHost;
  return WILDCARD.has(boundHost) ? localAddresses().has(name) : name === boundHost || (boundHost === 'localhost' && LOOPBACK.has(name));
}
