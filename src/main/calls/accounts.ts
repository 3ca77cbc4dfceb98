import type { Knex } from 'knex';
import type { IceServer, SaveAccountInput, SipAccountPublic, SipCredentials } from '../../shared/contract/calls';
import { ApiError } from '../api/errors';
import { beijingTimestamp, type Clock } from '../util/clock';
import { isAllowedPbxUrl } from './pbx-origins';
import { SecretBoxMismatch, type SecretBox } from './secret-box';

// One SIP account per workstation user. The password and any TURN credentials are sealed
// together; the settings form only ever learns whether a password is stored.

interface AccountRow {
  user_id: number;
  ws_url: string;
  sip_user: string;
  domain: string;
  display_name: string;
  ice_servers: string;
  secret_enc: string;
  updated_at: string;
}
interface Secret {
  password: string;
  iceServers: IceServer[];
}

const publicIce = (servers: IceServer[]) => servers.map(({ urls, username }) => (username ? { urls, username } : { urls }));

const toPublic = (r: AccountRow): SipAccountPublic => ({
  wsUrl: r.ws_url,
  user: r.sip_user,
  domain: r.domain,
  displayName: r.display_name,
  iceServers: JSON.parse(r.ice_servers),
  hasPassword: true,
  updatedAt: r.updated_at,
});

export async function getAccount(knex: Knex, userId: number): Promise<SipAccountPublic | null> {
  const row = (await knex('sip_accounts').where({ user_id: userId }).first()) as AccountRow | undefined;
  return row ? toPublic(row) : null;
}

function openSecret(box: SecretBox, row: AccountRow): Secret {
  try {
    return JSON.parse(box.open(row.secret_enc)) as Secret;
  } catch (err) {
    if (err instanceof SecretBoxMismatch)
      throw new ApiError(
        'conflict',
        'SIP 密码是在另一台工作站或另一种运行方式下保存的，请重新输入 (the stored SIP password cannot be read here; enter it again)',
      );
    throw err;
  }
}

export async function saveAccount(
  knex: Knex,
  clock: Clock,
  box: SecretBox,
  userId: number,
  input: Required<Omit<SaveAccountInput, 'password'>> & { password?: string },
  /** The admin's PBX WebSocket origins (config `softphone.pbxWebSocketOrigins`). */
  pbxOrigins: readonly string[],
): Promise<SipAccountPublic> {
  if (!isAllowedPbxUrl(input.wsUrl, pbxOrigins))
    throw new ApiError(
      'invalid_input',
      pbxOrigins.length
        ? `该 SIP 服务器地址不在管理员允许的列表中，可用：${pbxOrigins.join('、')} (this SIP server is not one the admin allows; allowed: ${pbxOrigins.join(', ')})`
        : '管理员尚未配置允许的 SIP 服务器地址，请联系管理员 (the admin has not configured any SIP server yet; ask the admin)',
      [{ path: 'wsUrl', message: 'not an allowed SIP server' }],
    );
  const existing = (await knex('sip_accounts').where({ user_id: userId }).first()) as AccountRow | undefined;
  let password = input.password;
  if (password === undefined) {
    if (!existing) throw new ApiError('invalid_input', '请输入 SIP 密码 (a password is required)', [{ path: 'password', message: 'required' }]);
    password = openSecret(box, existing).password;
  }
  const row: AccountRow = {
    user_id: userId,
    ws_url: input.wsUrl,
    sip_user: input.user,
    domain: input.domain,
    display_name: input.displayName,
    ice_servers: JSON.stringify(publicIce(input.iceServers)),
    secret_enc: box.seal(JSON.stringify({ password, iceServers: input.iceServers } satisfies Secret)),
    updated_at: beijingTimestamp(clock.now()),
  };
  await knex('sip_accounts').insert(row).onConflict('user_id').merge();
  return toPublic(row);
}

/** null: this user has no SIP account yet (a normal state, not an error). */
export async function credentials(knex: Knex, box: SecretBox, userId: number): Promise<SipCredentials | null> {
  const row = (await knex('sip_accounts').where({ user_id: userId }).first()) as AccountRow | undefined;
  if (!row) return null;
  const secret = openSecret(box, row);
  return { wsUrl: row.ws_url, user: row.sip_user, password: secret.password, domain: row.domain, displayName: row.display_name, iceServers: secret.iceServers };
}
