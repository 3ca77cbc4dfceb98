import fs from 'node:fs';
import type http from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { App } from '../app';
import { ApiError, httpStatusOf } from '../api/errors';
import { audit } from '../auth/audit';
import { exportFileFor } from '../exports/export-service';

// GET /api/exports/<id>/file: a finished export for its owner or an admin, as an attachment
// under its Chinese name (RFC 6266 / RFC 5987 filename*). Anyone else gets 404, not 403, so
// that export ids reveal nothing. A plain GET carries the session cookie (SameSite=Strict).

const ROUTE = /^\/api\/exports\/(\d+)\/file$/;

export const exportFileId = (url: string): number | null => {
  const m = ROUTE.exec(url.split('?')[0]);
  return m ? Number(m[1]) : null;
};

const TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/fhir+json; charset=utf-8',
};

/** An ASCII fallback for old clients, then the UTF-8 name. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const fail = (res: http.ServerResponse, err: ApiError) => {
  res.writeHead(httpStatusOf[err.code], { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: err.toBody() }));
};

export async function handleExportFile(app: App, token: string | null, exportId: number, res: http.ServerResponse): Promise<void> {
  const user = await app.userForToken(token);
  if (!user) return fail(res, new ApiError('unauthenticated', 'please sign in'));
  let found;
  try {
    found = await exportFileFor(app.store.knex, app.config.dataDir, user, exportId);
  } catch (err) {
    if (err instanceof ApiError) return fail(res, err);
    throw err;
  }
  await audit(app.store.knex, app.clock, user, 'export.download', null, { exportId });
  res.writeHead(200, {
    'Content-Type': TYPES[found.fileName.split('.').pop() ?? ''] ?? 'application/octet-stream',
    'Content-Length': found.bytes,
    'Content-Disposition': contentDisposition(found.fileName),
    'Cache-Control': 'no-store',
  });
  await pipeline(fs.createReadStream(found.file), res);
}
