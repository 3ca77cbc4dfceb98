import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiErrorBody, EventName, EventPayloads, MethodInput, MethodName, MethodOutput, Transport } from '../shared/contract';

// Runs sandboxed: only `electron` may be required, so the contract comes in as types alone.
// Channel names must match src/main/electron/ipc.ts and export-save.ts.

type DispatchResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

// Typed as a full record so that a new event in the contract fails to compile until listed.
const EVENTS: Record<EventName, true> = { 'sync.progress': true, 'export.progress': true, 'tasks.changed': true };
const isEventName = (name: unknown): name is EventName => typeof name === 'string' && Object.prototype.hasOwnProperty.call(EVENTS, name);

/**
 * What a failed call rejects with. contextBridge copies an Error as a bare message and drops
 * custom properties, so the rejection is a plain object with the Error fields plus the code.
 */
export interface BridgeError extends ApiErrorBody {
  name: 'ApiError';
}

const api = {
  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const res = (await ipcRenderer.invoke('api:call', method, input)) as DispatchResult;
    if (res.ok) return res.result as MethodOutput<M>;
    const error: BridgeError = { name: 'ApiError', ...res.error };
    throw error;
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    if (!isEventName(event)) throw new Error(`unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    // The Electron event object stays here: it carries the sender and must not reach the page.
    const handler = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as EventPayloads[E]);
    };
    ipcRenderer.on('api:event', handler);
    return () => {
      ipcRenderer.removeListener('api:event', handler);
    };
  },
  /** A finished export: the main process shows a save dialog and copies the file (src/main/electron/export-save.ts). */
  async saveExport(exportId: number): Promise<{ saved: boolean }> {
    const res = (await ipcRenderer.invoke('exports:save', exportId)) as DispatchResult;
    if (res.ok) return res.result as { saved: boolean };
    const error: BridgeError = { name: 'ApiError', ...res.error };
    throw error;
  },
} satisfies Transport & { saveExport(exportId: number): Promise<{ saved: boolean }> };

contextBridge.exposeInMainWorld('followup', api);
