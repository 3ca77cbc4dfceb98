import type { TFunction } from 'i18next';
import { inLanguageOnly } from '../../shared/bilingual';
import { currentLanguage } from '../i18n';
import { ApiCallError, toApiCallError } from './errors';

type Sink = (text: string) => void;
let sink: Sink = (text) => console.error(text);

/** Set by a component inside antd's <App> so notices follow the theme and locale. */
export function setErrorSink(next: Sink): void {
  sink = next;
}

/**
 * The translated meaning of the code; the server's own message is added when it says more in
 * the screen's language. Issues go without their paths: a field's name in the contract
 * (query, wsUrl) is no word of either language, and forms check their own fields first.
 */
export function errorText(err: unknown, t: TFunction): string {
  const e = err instanceof ApiCallError ? err : toApiCallError(err);
  const head = t(`errors.${e.code}`);
  const lang = currentLanguage() === 'en' ? 'en' : 'zh';
  if (e.code === 'invalid_input' && e.issues?.length) {
    const said = [...new Set(e.issues.map((i) => inLanguageOnly(i.message, lang)).filter((m) => m !== null))];
    return said.length ? `${head}: ${said.join('; ')}` : head;
  }
  if (e.code === 'conflict' || e.code === 'not_found' || e.code === 'forbidden') {
    const said = inLanguageOnly(e.message, lang);
    return said ? `${head}: ${said}` : head;
  }
  // The id in the server's log, for whoever the user calls; and what to ask for, when known.
  if (e.code === 'internal' && e.errorId) {
    const advice = e.issues?.map((i) => inLanguageOnly(i.message, lang)).find((m) => m);
    return advice ? `${head}: ${advice} (${e.errorId})` : `${head} (${e.errorId})`;
  }
  return head;
}

export function showError(err: unknown, t: TFunction): void {
  sink(errorText(err, t));
}
