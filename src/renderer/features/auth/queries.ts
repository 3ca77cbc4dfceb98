import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { adoptServerTime } from '../../app/server-clock';

export const authKeys = { me: ['auth', 'me'] as const };

export const meQuery = queryOptions({
  queryKey: authKeys.me,
  queryFn: async () => {
    const sentAt = Date.now();
    const me = await api.call('auth.me');
    adoptServerTime(me.serverTime, sentAt, Date.now());
    return me;
  },
  staleTime: Infinity,
  meta: { silent: true },
});

export function useMe() {
  return useQuery(meQuery);
}
