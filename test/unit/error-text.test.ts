import type { TFunction } from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../src/renderer/api/errors';
import { errorText } from '../../src/renderer/api/notices';

// What a nurse reads when a call fails unexpectedly: the error id always, and, for a failure IT
// can fix (the shared database out of connections), what to ask IT for, in the screen's language.

// The i18n module sets up i18next on the page's document; only its language matters here.
vi.mock('../../src/renderer/i18n', () => ({ currentLanguage: () => 'zh-CN' }));

const t = ((key: string) => key) as unknown as TFunction;

describe('errorText for an internal error', () => {
  it('adds the advice the server sent, in the screen language, before the error id', () => {
    const advice = '共享数据库的连接数已满，请联系信息科调大 max_connections (the shared database has no free connections; ask IT to raise max_connections)';
    const err = new ApiCallError(
      'internal',
      '服务器内部错误，错误编号 abcd1234 (internal error abcd1234; see the server log)',
      [{ path: '', message: advice }],
      'abcd1234',
    );
    expect(errorText(err, t)).toBe('errors.internal: 共享数据库的连接数已满，请联系信息科调大 max_connections (abcd1234)');
  });

  it('says only the id when there is no advice', () => {
    const err = new ApiCallError('internal', '服务器内部错误，错误编号 abcd1234 (internal error abcd1234; see the server log)', undefined, 'abcd1234');
    expect(errorText(err, t)).toBe('errors.internal (abcd1234)');
  });
});
