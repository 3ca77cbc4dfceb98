import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { inLanguage } from '../../../shared/bilingual';
import { toApiCallError } from '../../api/errors';
import { showError } from '../../api/notices';
import { currentLanguage } from '../../i18n';

/**
 * Puts what the server refused next to the field it is about (a password the policy refuses, a
 * username already taken), in the screen's language; anything else becomes the usual notice.
 */
export function showOnForm(form: FormInstance, fields: readonly ('password' | 'username')[], err: unknown, t: TFunction): void {
  const e = toApiCallError(err);
  const lang = currentLanguage() === 'en' ? 'en' : 'zh';
  const passwordIssue = e.code === 'invalid_input' ? e.issues?.find((i) => i.path === 'password') : undefined;
  const field = passwordIssue ? 'password' : e.code === 'conflict' && /用户名/.test(e.message) ? 'username' : null;
  if (field && fields.includes(field)) {
    form.setFields([{ name: field, errors: [inLanguage(passwordIssue?.message ?? e.message, lang)] }]);
    return;
  }
  showError(e, t);
}
