import type { TFunction } from 'i18next';
import { inLanguage } from '../../shared/bilingual';
import { currentLanguage } from '../i18n';
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
  const lang = currentLanguage() === 'en' ? 'en' : 'zh';
  if (e.code === 'invalid_input' && e.issues?.length) {
    return `${head}: ${e.issues.map((i) => (i.path ? `${i.path} ${inLanguage(i.message, lang)}` : inLanguage(i.message, lang))).join('; ')}`;
  }
  if (e.code === 'conflict' || e.code === 'not_found' || e.code === 'forbidden') return `${head}: ${inLanguage(e.message, lang)}`;
  // The id in the server's log, for whoever the user calls.
  if (e.code === 'internal' && e.errorId) return `${head} (${e.errorId})`;
  return head;
}

export function showError(err: unknown, t: TFunction): void {
  sink(errorText(err, t));
}
