import { request } from '@playwright/test';
import { USERS, type Backend, type UserKey } from './fixtures';

export type Api = (method: string, input?: unknown) => Promise<any>;

/** A signed-in API session outside the browser, for set-up and checks a script would do. */
export async function signedIn(backend: Backend, who: UserKey): Promise<{ call: Api; dispose: () => Promise<void> }> {
  const ctx = await request.newContext({ baseURL: `${backend.url}/`, extraHTTPHeaders: { 'X-Followup': '1' } });
  const call: Api = async (method, input = {}) => {
    const body = await (await ctx.post(`api/${method}`, { data: input })).json();
    if (body.error) throw new Error(`${method}: ${body.error.message}`);
    return body.result;
  };
  await call('auth.login', { username: USERS[who].username, password: USERS[who].password });
  return { call, dispose: () => ctx.dispose() };
}
