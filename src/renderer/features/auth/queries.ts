import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export const authKeys = { me: ['auth', 'me'] as const };

export const meQuery = queryOptions({
  queryKey: authKeys.me,
  queryFn: () => api.call('auth.me'),
  staleTime: Infinity,
  meta: { silent: true },
});

export function useMe() {
  return useQuery(meQuery);
}
