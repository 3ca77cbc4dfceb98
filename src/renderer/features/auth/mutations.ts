import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { authKeys } from './queries';

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) => api.call('auth.login', input),
    meta: { silent: true },
    onSuccess: ({ user }) => {
      // Nothing cached under the previous user may leak into this session.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      qc.setQueryData(authKeys.me, { user });
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.call('auth.logout'),
    onSettled: () => {
      // Not qc.clear(): the screen's observer of auth.me would keep the removed query, and the
      // signed-in screen with it.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      qc.setQueryData(authKeys.me, { user: null });
      window.location.hash = '#/';
    },
  });
}
