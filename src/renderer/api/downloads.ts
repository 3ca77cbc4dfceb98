import { toApiCallError } from './errors';

// A finished export reaches the user the way the shell allows: in the desktop app the preload's
// saveExport (a save dialog in the main process); in the browser a download of
// GET api/exports/<id>/file, named by the server's Content-Disposition and sent with the cookie.

interface SaveBridge {
  saveExport(exportId: number): Promise<{ saved: boolean }>;
}

export const exportFileUrl = (exportId: number): string => `api/exports/${exportId}/file`;

/** Resolves with saved: false when the desktop user cancels the dialog. */
export async function downloadExport(exportId: number): Promise<{ saved: boolean }> {
  const bridge = (globalThis as { followup?: Partial<SaveBridge> }).followup;
  if (bridge?.saveExport) {
    try {
      return await bridge.saveExport(exportId);
    } catch (err) {
      throw toApiCallError(err);
    }
  }
  const a = document.createElement('a');
  a.href = exportFileUrl(exportId);
  // Empty: the server's filename* (the Chinese name) applies.
  a.download = '';
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  return { saved: true };
}
