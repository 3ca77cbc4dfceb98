import type { Store } from '../../src/main/store/store';
import type { User } from '../../src/shared/model';
import { ipcDispatch, type TestDispatch } from '../helpers/dispatch';
import { fixedClock } from '../helpers/his';
import { createTestStore, tempDir } from '../helpers/stores';
import { buildFixture, TODAY, type Fixture } from './reports-fixture';

// The reports fixture in a fresh store, with the app's dispatcher over it, for a describe block.

export interface ReportsWorld {
  store: Store;
  fx: Fixture;
  call: TestDispatch;
  /** Pinned at TODAY; tests may move it. */
  clock: ReturnType<typeof fixedClock>;
  /** The fixture's users as the dispatcher sees them. */
  users: Record<'head1' | 'head2' | 'head3' | 'headless' | 'admin' | 'nurse', User>;
  close(): Promise<void>;
}

/** A fresh store of `kind` holding the fixture, and the app's dispatcher over it at TODAY. */
export async function openReportsWorld(kind: 'sqlite' | 'pg'): Promise<ReportsWorld> {
  const t = await createTestStore(kind);
  const store = await t.open();
  const fx = await buildFixture(store.knex);
  const as = (id: number, role: User['role']): User => ({ id, username: `u${id}`, displayName: 'x', role });
  const { head1, head2, head3, headless, admin, n1 } = fx.users;
  const clock = fixedClock(TODAY);
  return {
    store,
    fx,
    clock,
    call: ipcDispatch(store, clock, tempDir('reports')),
    users: {
      head1: as(head1, 'head'),
      head2: as(head2, 'head'),
      head3: as(head3, 'head'),
      headless: as(headless, 'head'),
      admin: as(admin, 'admin'),
      nurse: as(n1, 'nurse'),
    },
    close: async () => {
      await store.close();
      await t.drop();
    },
  };
}
