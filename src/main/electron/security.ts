// Pure decisions behind the window hardening, kept free of `electron` so they can be unit-tested.

/** Where the renderer is served from: the Vite dev server, or a directory of built files. */
export type AppOrigin =
  | { kind: 'dev'; origin: string }
  /** `dirUrl` is the file: URL of the renderer directory, ending in `/`. */
  | { kind: 'file'; dirUrl: string; caseInsensitive: boolean };

const parse = (url: string): URL | null => {
  try {
    return new URL(url);
  } catch {
    return null;
  }
};

export function devOrigin(devServerUrl: string): AppOrigin {
  const u = parse(devServerUrl);
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) throw new Error(`bad dev server URL: ${devServerUrl}`);
  return { kind: 'dev', origin: u.origin };
}

/** `indexUrl` is the file: URL of the renderer's index.html. */
export function fileOrigin(indexUrl: string, caseInsensitive: boolean): AppOrigin {
  const u = parse(indexUrl);
  if (!u || u.protocol !== 'file:') throw new Error(`not a file URL: ${indexUrl}`);
  return { kind: 'file', dirUrl: new URL('./', u).href, caseInsensitive };
}

/** Is this URL part of the app itself (and so allowed to load, navigate and call the API)? */
export function isAppUrl(url: string, app: AppOrigin): boolean {
  const u = parse(url);
  if (!u) return false;
  if (app.kind === 'dev') return u.origin === app.origin;
  // Every file: page shares one opaque origin, so the check is on the path; the URL parser has
  // already resolved dot segments (also %2e%2e). Encoded separators could smuggle them back.
  if (u.protocol !== 'file:' || u.host !== '' || /%2f|%5c/i.test(u.pathname)) return false;
  const path = `file://${u.pathname}`;
  const dir = app.dirUrl;
  return app.caseInsensitive ? path.toLowerCase().startsWith(dir.toLowerCase()) : path.startsWith(dir);
}

/**
 * The URL to hand to the OS browser, or null: only plain web links, never file:, smb:, scripts…,
 * and only to a site on the admin's list (config `desktop.openExternalOrigins`; empty: none).
 * Origins are compared exactly, after the URL parser has lower-cased the host, turned an IDN into
 * punycode and dropped a default port: `hospital.cn.evil.com`, `hospitaI.cn` or a Cyrillic
 * look-alike are other origins.
 */
export function externalUrl(url: string, allowedOrigins: readonly string[]): string | null {
  const u = parse(url);
  if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:') || !u.hostname) return null;
  // user:pass@host is a phishing disguise; a workstation link never needs it.
  if (u.username || u.password) return null;
  const allowed = allowedOrigins.some((entry) => {
    const a = parse(entry);
    return !!a && (a.protocol === 'https:' || a.protocol === 'http:') && !a.username && !a.password && a.origin === u.origin;
  });
  return allowed ? u.href : null;
}

// The allow-list, in the style of Signal's app/permissions: anything not named here is denied.
// media: the nurse's USB headset (microphone) for the softphone; audio only, never the camera.
// hid: only through the WebHID decisions below (the headset's call buttons), never this list.
// Everything else (geolocation, notifications, clipboard-read, openExternal, display-capture,
// usb/serial, …) has no use in a follow-up workstation.
const ALLOWED = new Set(['media']);

export interface PermissionQuery {
  permission: string;
  /** The requesting frame's URL, or its origin when Electron gives no URL. */
  url: string | undefined;
  /** From a request (`details.mediaTypes`) or a check (`details.mediaType`). */
  mediaTypes?: readonly string[];
}

export function isPermissionAllowed(q: PermissionQuery, app: AppOrigin): boolean {
  if (!ALLOWED.has(q.permission) || !q.url || !isAppUrl(q.url, app)) return false;
  return !(q.mediaTypes ?? []).includes('video');
}

// WebHID, for the headset's call buttons (renderer: features/softphone/headset-hid.ts). Only the
// app's own pages, and only devices offering the HID Telephony usage page (a headset, handset or
// phone): never a keyboard, a barcode scanner or a vendor firmware interface on its own.
export const TELEPHONY_USAGE_PAGE = 0x0b;

/** What Electron tells of a HID device (its HIDDevice structure), as far as the decisions go. */
export interface HidDeviceInfo {
  deviceId?: string;
  collections?: readonly { usagePage: number }[];
}

export const isTelephonyDevice = (d: HidDeviceInfo): boolean => (d.collections ?? []).some((c) => c.usagePage === TELEPHONY_USAGE_PAGE);

/** The 'hid' permission check: may this page use navigator.hid at all? */
export function isHidAccessAllowed(url: string | undefined, app: AppOrigin): boolean {
  return !!url && isAppUrl(url, app);
}

/**
 * Device permission (getDevices, open, and reopening after a restart): a telephony device, for the
 * app's origin. Electron gives an origin here, not a URL: a file: build's pages all have the
 * origin "file://", and navigation never leaves the app's own files (will-navigate above).
 */
export function isHidDeviceAllowed(q: { deviceType: string; origin: string; device: object }, app: AppOrigin): boolean {
  // Electron's device is a HIDDevice, SerialPort or USBDevice: only the first has collections.
  if (q.deviceType !== 'hid' || !('collections' in q.device) || !isTelephonyDevice(q.device as HidDeviceInfo)) return false;
  return app.kind === 'dev' ? q.origin === app.origin : q.origin === 'file://' || q.origin === 'file:///';
}

/**
 * `select-hid-device` (navigator.hid.requestDevice): Electron shows no chooser, so pick the first
 * telephony device for the app's own frame; null cancels the request.
 */
export function chooseHidDevice(frameUrl: string | undefined, devices: readonly HidDeviceInfo[], app: AppOrigin): string | null {
  if (!isHidAccessAllowed(frameUrl, app)) return null;
  return devices.find(isTelephonyDevice)?.deviceId ?? null;
}

/**
 * The Content-Security-Policy for the app's own pages. `style-src 'unsafe-inline'` because
 * antd injects its CSS-in-JS as <style> elements; the dev server also needs inline scripts
 * (React refresh preamble) and its HMR WebSocket.
 */
export function contentSecurityPolicy(opts: { dev: boolean; connectSrc?: readonly string[] }): string {
  const connect = ["'self'", ...(opts.connectSrc ?? []), ...(opts.dev ? ['ws://localhost:*', 'ws://127.0.0.1:*'] : [])];
  return [
    "default-src 'none'",
    opts.dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob: mediastream:",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self' blob:",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
