import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session, shell, type MenuItemConstructorOptions } from 'electron';
import type { App } from '../app';
import { startWorkstation } from '../bootstrap';
import { startBackupSchedule, type BackupSchedule } from '../store/backup-schedule';
import { startCriticalValueWatch, type CriticalValueWatch } from '../tasks/critical-watch';
import { loadConfig, type AppConfig } from '../config';
import { softphoneCspSources } from '../calls/csp-sources';
import { fileKeyBox, setSecretBoxFactory } from '../calls/secret-box';
import { registerExportSave } from './export-save';
import { registerIpc } from './ipc';
import { safeStorageBox } from './secret-box';
import { isAppUrl } from './security';
import { createMainWindow, hardenSession, rendererEntry } from './window';

const TITLE = '随访工作站';
const SHUTDOWN_LIMIT_MS = 10_000;

let mainWindow: BrowserWindow | null = null;
let backend: App | null = null;
let ipc: { dispose(): Promise<void> } | null = null;
let exportSave: (() => void) | null = null;
let backups: BackupSchedule | null = null;
let critical: CriticalValueWatch | null = null;
let shutdown: 'running' | 'done' | null = null;

const logFile = () => path.join(app.getPath('logs'), 'main.log');

// A packaged app has no console; the log file is where "see the server log" points.
function log(msg: string): void {
  const line = `${new Date().toISOString()} ${msg}\n`;
  process.stderr.write(line);
  fs.promises
    .mkdir(path.dirname(logFile()), { recursive: true })
    .then(() => fs.promises.appendFile(logFile(), line))
    .catch(() => {});
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

function buildMenu(dataDir: string): Menu {
  const dev = !app.isPackaged;
  const template: MenuItemConstructorOptions[] = [
    { label: '文件', submenu: [{ label: '打开数据目录', click: () => void shell.openPath(dataDir) }, { type: 'separator' }, { role: 'quit', label: '退出' }] },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { role: 'resetZoom', label: '实际大小' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全屏' },
        // Reloading would drop unsaved work and devtools would expose the session: development only.
        ...(dev ? ([{ type: 'separator' }, { role: 'reload', label: '重新加载' }, { role: 'toggleDevTools', label: '开发者工具' }] as const) : []),
      ],
    },
    {
      label: '帮助',
      submenu: [
        {
          label: `关于${TITLE}`,
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: '关于',
              message: `${TITLE} ${app.getVersion()}`,
              detail: `数据目录：${dataDir}\n日志：${logFile()}`,
            }),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  // Packaged builds carry templates/ as an extra resource beside the asar.
  if (app.isPackaged) process.env.FOLLOWUP_TEMPLATES ??= path.join(process.resourcesPath, 'templates');
  const entry = rendererEntry();
  Menu.setApplicationMenu(buildMenu(dataDir));
  setSecretBoxFactory((dir) => safeStorageBox(safeStorage, fileKeyBox(dir)));

  // The admin's PBX servers (and Twilio, when configured) for the CSP, and the sites links may
  // open, come from config.json alone; a config that does not load fails the start below.
  let config: AppConfig | null = null;
  try {
    config = loadConfig(dataDir);
  } catch {
    // startWorkstation reports it
  }
  // The window opens while the backend starts (the first HIS sync can take a while);
  // its calls wait for the backend.
  const starting = startWorkstation(dataDir, { log });
  const connectSrc = config ? softphoneCspSources(config) : [];
  hardenSession(app, session.defaultSession, entry.origin, async () => connectSrc, config?.desktop?.openExternalOrigins ?? []);
  const bridge = registerIpc({
    ipcMain,
    ready: starting.then((s) => s.app),
    isAppUrl: (url) => isAppUrl(url, entry.origin),
    targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
    log,
  });
  ipc = bridge;
  exportSave = registerExportSave({
    ipcMain,
    ready: starting.then((s) => s.app),
    userOf: bridge.userOf,
    isAppUrl: (url) => isAppUrl(url, entry.origin),
    choosePath: async (sender, defaultName) => {
      const win = BrowserWindow.fromWebContents(sender);
      const options = { title: '保存导出文件', defaultPath: path.join(app.getPath('downloads'), defaultName) };
      const r = await (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options));
      return r.canceled || !r.filePath ? null : r.filePath;
    },
  });
  mainWindow = createMainWindow(entry, { devTools: !app.isPackaged, log });
  mainWindow.on('closed', () => (mainWindow = null));

  const started = await starting;
  backend = started.app;
  backups = startBackupSchedule(backend, log);
  critical = startCriticalValueWatch(backend, log);
  if (started.initialAdminPasswordFile) {
    const options = {
      type: 'info' as const,
      title: TITLE,
      message: '初始管理员账号：admin',
      detail: `初始密码保存在：\n${started.initialAdminPasswordFile}\n请登录并妥善保管密码后删除该文件（删除后不再提示）。`,
    };
    await (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
  }
}

async function closeBackend(): Promise<void> {
  exportSave?.();
  await ipc?.dispose();
  await backups?.stop();
  backups = null;
  await critical?.stop();
  critical = null;
  await backend?.close();
  backend = null;
}

async function fail(err: unknown): Promise<void> {
  log(`startup failed: ${(err as Error)?.stack ?? String(err)}`);
  dialog.showErrorBox(`${TITLE}无法启动`, `${messageOf(err)}\n\n日志：${logFile()}`);
  await closeBackend().catch(() => {});
  app.exit(1);
}

// Squirrel.Windows runs the app with these flags while installing or updating: create or remove
// the shortcuts and quit, never start the workstation (what electron-squirrel-startup does).
function handledSquirrelEvent(): boolean {
  if (process.platform !== 'win32') return false;
  const flag = process.argv[1];
  const update = (arg: string) => {
    const exe = path.resolve(path.dirname(process.execPath), '..', 'Update.exe');
    spawn(exe, [`${arg}=${path.basename(process.execPath)}`], { detached: true })
      .on('error', () => app.quit())
      .on('close', () => app.quit());
  };
  if (flag === '--squirrel-install' || flag === '--squirrel-updated') update('--createShortcut');
  else if (flag === '--squirrel-uninstall') update('--removeShortcut');
  else if (flag === '--squirrel-obsolete') app.quit();
  else return false;
  return true;
}

if (handledSquirrelEvent()) {
  // quitting once Update.exe is done
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  // will-quit comes after every window is gone, so no renderer is still calling in.
  app.on('will-quit', (event) => {
    if (shutdown === 'done') return;
    event.preventDefault();
    if (shutdown === 'running') return;
    shutdown = 'running';
    const limit = setTimeout(() => {
      log('shutdown: backend did not close in time');
      app.exit(1);
    }, SHUTDOWN_LIMIT_MS);
    closeBackend()
      .catch((err) => log(`shutdown: ${(err as Error)?.stack ?? String(err)}`))
      .finally(() => {
        clearTimeout(limit);
        shutdown = 'done';
        app.quit();
      });
  });
  process.on('unhandledRejection', (reason) => log(`unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`));
  app.whenReady().then(start).catch(fail);
}
