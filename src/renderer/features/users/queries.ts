import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import { api } from '../../api/client';

export const userKeys = { list: ['users', 'list'] as const };

export function useUsers(enabled = true) {
  return useQuery({ queryKey: userKeys.list, queryFn: () => api.call('users.list'), enabled, retry: false });
}

type UserMutation = 'users.create' | 'users.update' | 'users.resetPassword' | 'users.setDepartments' | 'users.unlock';

/**
 * One of the admin's changes to users. `silent`: the form shows the error itself (a refused
 * password or a taken name next to its field). A head's scope, and so her reports, follow her
 * departments and role.
 */
export function useUserMutation<M extends UserMutation & MethodName>(method: M, silent = false) {
  const qc = useQueryClient();
  return useMutation({
    // Every one of these methods takes an input, so the call's optional-input overload is not needed.
    mutationFn: (input: MethodInput<M>) => (api.call as (m: M, i: MethodInput<M>) => Promise<MethodOutput<M>>)(method, input),
    meta: { silent },
    onSettled: () => qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'users' || q.queryKey[0] === 'reports' }),
  });
}
