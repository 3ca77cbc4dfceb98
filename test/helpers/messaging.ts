import fs from 'node:fs';
import path from 'node:path';
import { createApp, type App } from '../../src/main/app';
import { createUser } from '../../src/main/auth/users';
import { loadConfig } from '../../src/main/config';
import { startHttpServer } from '../../src/main/http/server';
import { twilioProvider } from '../../src/main/messaging/twilio-provider';
import type { SmsProvider } from '../../src/main/messaging/provider';
import type { User } from '../../src/shared/model';
import { startFakeTwilio, type FakeTwilio } from './fake-twilio';
import { fixedClock } from './his';
import { createTestStore, tempDir, type TestStore } from './stores';

// One workstation (store on SQLite or PostgreSQL, HTTP server with the Twilio webhooks) wired
// to the fake Twilio through the real library.

export const TW = {
  accountSid: `AC${'a1'.repeat(16)}`,
  authToken: 'auth-token-never-logged',
  apiKey: `SK${'b2'.repeat(16)}`,
  apiSecret: 'api-secret-never-sent',
  messagingServiceSid: `MG${'c3'.repeat(16)}`,
  twimlAppSid: `AP${'d4'.repeat(16)}`,
};

export interface MessagingWorld {
  t: TestStore;
  app: App;
  server: Awaited<ReturnType<typeof startHttpServer>>;
  fake: FakeTwilio;
  sms: SmsProvider;
  clock: ReturnType<typeof fixedClock>;
  nurse: User;
  head: User;
  dataDir: string;
  logs: string[];
  call(user: User | null, method: string, input?: unknown): Promise<any>;
  close(): Promise<void>;
}

export async function startMessagingWorld(kind: 'sqlite' | 'pg', at = '2026-11-20 10:00:00'): Promise<MessagingWorld> {
  const t = await createTestStore(kind);
  const fake = await startFakeTwilio(TW);
  const dataDir = tempDir('followup-sms');
  fs.writeFileSync(
    path.join(dataDir, 'config.json'),
    JSON.stringify({
      store: t.config,
      // Secrets only through the environment below; the file holds what may be seen.
      twilio: { accountSid: TW.accountSid, messagingServiceSid: TW.messagingServiceSid, voice: { twimlAppSid: TW.twimlAppSid } },
      sms: { hospitalName: '第一医院' },
    }),
  );
  const config = loadConfig(dataDir, {
    FOLLOWUP_TWILIO_AUTH_TOKEN: TW.authToken,
    FOLLOWUP_TWILIO_API_KEY: TW.apiKey,
    FOLLOWUP_TWILIO_API_SECRET: TW.apiSecret,
  });
  const clock = fixedClock(at);
  const logs: string[] = [];
  const sms = twilioProvider(config.twilio!, { httpClient: fake.httpClient });
  const app = await createApp(config, { clock, log: (m) => logs.push(m), sms });
  const server = await startHttpServer(app, { host: '127.0.0.1', port: 0, staticDir: path.join(dataDir, 'no-ui'), log: (m) => logs.push(m) });
  // The public URL Twilio is told to call; known once the server listens.
  config.twilio!.statusCallbackUrl = `${server.url}/twilio/status`;
  const nurse = await createUser(app.store.knex, clock, { username: 'nurse1', displayName: '护士甲', role: 'nurse', password: 'secret-123' });
  const head = await createUser(app.store.knex, clock, { username: 'head1', displayName: '护士长', role: 'head', password: 'secret-123' });
  return {
    t,
    app,
    server,
    fake,
    sms,
    clock,
    nurse,
    head,
    dataDir,
    logs,
    async call(user, method, input) {
      const out = await app.dispatcher.dispatch({ user, token: null, transport: 'ipc' }, method, input);
      if (!out.ok) throw Object.assign(new Error(out.error.message), out.error);
      return out.result;
    },
    async close() {
      await new Promise((r) => server.close(r));
      await app.close();
      await fake.close();
      await t.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
