import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, shell, type App as ElectronApp, type Session } from 'electron';
import {
  chooseHidDevice,
  contentSecurityPolicy,
  devOrigin,
  externalUrl,
  fileOrigin,
  isAppUrl,
  isHidAccessAllowed,
  isHidDeviceAllowed,
  isPermissionAllowed,
  type AppOrigin,
} from './security';

// Defined by @electron-forge/plugin-vite at build time; the URL only under `electron-forge start`.
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string;

export interface RendererEntry {
  origin: AppOrigin;
  /** The dev server URL, or the path of the built index.html. */
  load: { url: string } | { file: string };
}

export function rendererEntry(): RendererEntry {
  if (MAIN_WINDOW_VITE_DEV_SERVER_URL) {
    return { origin: devOrigin(MAIN_WINDOW_VITE_DEV_SERVER_URL), load: { url: MAIN_WINDOW_VITE_DEV_SERVER_URL } };
  }
  const file = path.join(__dirname, `../renderer/${MAIN_WINDOW_VITE_NAME}/index.html`);
  return { origin: fileOrigin(pathToFileURL(file).href, process.platform === 'win32'), load: { file } };
}

/**
 * Session-wide rules: CSP on the app's own responses, permissions, and every webContents.
 * `sipOrigins`: the admin's PBX WebSocket origins (and Twilio's endpoints when Twilio voice is
 * configured: calls/csp-sources.ts), added to connect-src. `externalOrigins`: the sites a link
 * may open in the system browser (config desktop.openExternalOrigins).
 */
export function hardenSession(
  electronApp: ElectronApp,
  ses: Session,
  origin: AppOrigin,
  sipOrigins: () => Promise<readonly string[]> = async () => [],
  externalOrigins: readonly string[] = [],
): void {
  const own = (url: string) => isAppUrl(url, origin);
  const dev = origin.kind === 'dev';

  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!own(details.url)) return callback({});
    void sipOrigins()
      .catch(() => [])
      .then((connectSrc) =>
        callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy({ dev, connectSrc })] } }),
      );
  });

  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(isPermissionAllowed({ permission, url: details.requestingUrl, mediaTypes }, origin));
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) => {
    const url = details.requestingUrl ?? requestingOrigin;
    if (permission === 'hid') return isHidAccessAllowed(url, origin);
    return isPermissionAllowed({ permission, url, mediaTypes: details.mediaType ? [details.mediaType] : undefined }, origin);
  });
  // The headset's call buttons (WebHID): telephony devices for the app only; usb/serial never.
  ses.setDevicePermissionHandler((details) => isHidDeviceAllowed(details, origin));
  ses.on('select-hid-device', (event, details, callback) => {
    event.preventDefault();
    callback(chooseHidDevice(details.frame?.url, details.deviceList, origin));
  });

  electronApp.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!own(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!own(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const external = externalUrl(url, externalOrigins);
      if (external) void shell.openExternal(external);
      return { action: 'deny' };
    });
  });
}

export function createMainWindow(entry: RendererEntry, opts: { devTools: boolean; log(msg: string): void }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 680,
    title: '随访工作站',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: opts.devTools,
    },
  });
  win.once('ready-to-show', () => win.show());
  const loading = 'url' in entry.load ? win.loadURL(entry.load.url) : win.loadFile(entry.load.file);
  loading.catch((err) => opts.log(`window: loading the renderer failed: ${String(err)}`));
  return win;
}
