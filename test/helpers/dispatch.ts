import type { Dispatcher } from '../../src/main/api/dispatcher';
import { dispatcherFor } from '../../src/main/api/app-dispatcher';
import type { Services } from '../../src/main/api/services';
import { loadConfig } from '../../src/main/config';
import type { Store } from '../../src/main/store/store';
import type { Clock } from '../../src/main/util/clock';
import type { User } from '../../src/shared/model';

/** The app's dispatcher over a store with the config of `dataDir` and no sync service. */
export function testDispatcher(store: Store, clock: Clock, dataDir: string, log?: (msg: string) => void): Dispatcher {
  const services = { store, clock, config: loadConfig(dataDir, {}), sync: null } as unknown as Services;
  return dispatcherFor(services, log);
}

// Tests read results loosely.
export type TestDispatch = (user: User | null, method: string, input?: unknown) => Promise<any>;

/**
 * The app's one dispatcher over a store, called as the IPC adapter calls it (no sync service);
 * a refused call throws an error carrying the dispatcher's code.
 */
export function ipcDispatch(store: Store, clock: Clock, dataDir: string): TestDispatch {
  const d = testDispatcher(store, clock, dataDir);
  return async (user, method, input) => {
    const out = await d.dispatch({ user, token: null, transport: 'ipc' }, method, input);
    if (!out.ok) throw Object.assign(new Error(out.error.message), out.error);
    return out.result;
  };
}
