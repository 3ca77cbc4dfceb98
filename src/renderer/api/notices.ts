import type { TFunction } from 'i18next';
import { ApiCallError, toApiCallError } from './errors';

type Sink = (text: string) => void;
let sink: Sink = (text) => console.error(text);

/** Set by a component inside antd's <App> so notices follow the theme and locale. */
export function setErrorSink(next: Sink): void {
  sink = next;
}

/** The translated meaning of the code; the server's own message is added when it says more. */
export function errorText(err: unknown, t: TFunction): string {
  const e = err instanceof ApiCallError ? err : toApiCallError(err);
  const head = t(`errors.${e.code}`);
  if (e.code === 'invalid_input' && e.issues?.length) {
    return `${head}: ${e.issues.map((i) => (i.path ? `${i.path} ${i.message}` : i.message)).join('; ')}`;
  }
  if (e.code === 'conflict' || e.code === 'not_found' || e.code === 'forbidden') return `${head}: ${e.message}`;
  return head;
}

export function showError(err: unknown, t: TFunction): void {
  sink(errorText(err, t));
}
