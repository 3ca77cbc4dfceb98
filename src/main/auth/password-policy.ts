import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../shared/contract/users';
import { ApiError } from '../api/errors';

// What a new password must be. A guessable one is refused wherever a password is set (the CLI,
// the first admin's FOLLOWUP_ADMIN_PASSWORD, any API that sets one): sign-in throttling slows an
// online guesser down, it does not stop one who tries "12345678" first.

// MIN_PASSWORD_LENGTH and MAX_PASSWORD_LENGTH live in the contract: the UI's hint says the same.

// The most common passwords of Chinese and English leak lists that are 10 characters or longer
// (shorter ones fail on length). Compared in lower case.
const COMMON = new Set([
  '1234567890',
  '0123456789',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'a123456789',
  'aa12345678',
  'abc1234567',
  'abcd123456',
  'abcdefghij',
  'admin12345',
  'admin123456',
  'administrator',
  'asdfghjkl;',
  'asdfghjkl1',
  'iloveyou12',
  'password01',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'qq12345678',
  'qwerty1234',
  'qwertyuiop',
  'qwerty123456',
  'woaini1314',
  'woaini520520',
  'zaq12wsxcde',
  'changeme123',
  'welcome123',
  'followup123',
  'suifang123',
]);

/** Why `password` may not be used by `username`, in "中文 (English)"; null when it may. */
export function passwordProblem(username: string, password: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符 (a password needs at least ${MIN_PASSWORD_LENGTH} characters)`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符 (a password may have at most ${MAX_PASSWORD_LENGTH} characters)`;
  if (/^\d+$/.test(password)) return '密码不能全是数字 (a password may not be only digits)';
  if (new Set(password).size === 1) return '密码不能由同一个字符重复组成 (a password may not repeat one character)';
  const lower = password.toLowerCase();
  if (lower === username.toLowerCase()) return '密码不能与用户名相同 (a password may not be the username)';
  if (COMMON.has(lower)) return '该密码过于常见，请换一个 (this password is too common; choose another)';
  return null;
}

/** Throws invalid_input with the policy's message when `password` is refused. */
export function assertPasswordAllowed(username: string, password: string): void {
  const problem = passwordProblem(username, password);
  if (problem) throw new ApiError('invalid_input', problem, [{ path: 'password', message: problem }]);
}
