import fs from 'node:fs';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { User } from '../../shared/model';
import type { DispatchResult } from '../api/dispatcher';
import { ApiError } from '../api/errors';
import type { App } from '../app';
import { audit } from '../auth/audit';
import { exportFileFor } from '../exports/export-service';

// The desktop's way to a finished export: a save dialog, then a copy of the file where the user
// chose. Same rules as the browser download (owner or admin, else "not found"), same audit.
// Electron arrives as types and a dialog function, so this file loads without the binary.

export const SAVE_EXPORT_CHANNEL = 'exports:save';

type Backend = Pick<App, 'store' | 'config' | 'clock'>;

export async function saveExportCopy(
  app: Backend,
  user: User | null,
  exportId: unknown,
  choosePath: (defaultName: string) => Promise<string | null>,
): Promise<DispatchResult> {
  try {
    if (!user) throw new ApiError('unauthenticated', 'please sign in');
    if (typeof exportId !== 'number' || !Number.isInteger(exportId) || exportId <= 0)
      throw new ApiError('invalid_input', 'exportId must be a positive integer');
    const found = await exportFileFor(app.store.knex, app.config.dataDir, user, exportId);
    const target = await choosePath(found.fileName);
    if (!target) return { ok: true, result: { saved: false } };
    await fs.promises.copyFile(found.file, target);
    await audit(app.store.knex, app.clock, user, 'export.download', null, { exportId, desktop: true });
    return { ok: true, result: { saved: true } };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: err.toBody() };
    return { ok: false, error: { code: 'internal', message: `保存失败 (saving failed): ${(err as Error).message}` } };
  }
}

export interface ExportSaveDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  ready: Promise<Backend>;
  userOf(senderId: number): Promise<User | null>;
  isAppUrl(url: string): boolean;
  /** The save dialog for the sender's window; null when the user cancels. */
  choosePath(sender: WebContents, defaultName: string): Promise<string | null>;
}

export function registerExportSave(deps: ExportSaveDeps): () => void {
  deps.ipcMain.handle(SAVE_EXPORT_CHANNEL, async (event: IpcMainInvokeEvent, exportId: unknown): Promise<DispatchResult> => {
    const frameUrl = event.senderFrame?.url;
    if (!frameUrl || !deps.isAppUrl(frameUrl)) return { ok: false, error: { code: 'forbidden', message: 'caller is not the application' } };
    const user = await deps.userOf(event.sender.id);
    return saveExportCopy(await deps.ready, user, exportId, (name) => deps.choosePath(event.sender, name));
  });
  return () => deps.ipcMain.removeHandler(SAVE_EXPORT_CHANNEL);
}
