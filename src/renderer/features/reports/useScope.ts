import { useMemo } from 'react';
import type { Department, User } from '../../../shared/model';
import { ApiCallError } from '../../api/errors';
import { beijingToday } from '../../app/server-clock';
import { useDepartments } from '../departments/queries';
import { useDashboard } from './queries';

export interface Scope {
  /** The departments she may choose among; admins get every department. */
  departments: Department[];
  /** A head without departments sees an empty state instead of figures. */
  empty: boolean;
  loading: boolean;
  error: unknown;
}

export const currentMonth = (): string => beijingToday().slice(0, 7);

/**
 * The server names a head's departments when asked for "all of mine" (the dashboard without
 * deptIds, the same query the dashboard opens with, so it costs nothing extra); admins see all.
 */
export function useScope(user: User): Scope {
  const departments = useDepartments();
  const mine = useDashboard(currentMonth(), undefined);
  return useMemo(() => {
    const all = departments.data ?? [];
    if (user.role === 'admin') return { departments: all, empty: false, loading: departments.isPending, error: departments.error };
    const refused = mine.error instanceof ApiCallError && mine.error.code === 'forbidden';
    const ids = mine.data?.deptIds ?? [];
    const own = all.filter((d) => ids.includes(d.id));
    return {
      departments: own,
      empty: refused || (mine.isSuccess && ids.length === 0),
      loading: departments.isPending || mine.isPending,
      error: refused ? null : (mine.error ?? departments.error),
    };
  }, [user.role, departments.data, departments.isPending, departments.error, mine.data, mine.isPending, mine.isSuccess, mine.error]);
}
