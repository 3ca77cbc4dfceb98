import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export const userKeys = { list: ['users', 'list'] as const };

export function useUsers(enabled = true) {
  return useQuery({ queryKey: userKeys.list, queryFn: () => api.call('users.list'), enabled, retry: false });
}

export function useSetDepartments() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { userId: number; deptIds: number[] }) => api.call('users.setDepartments', input),
    // The head's scope (and so her dashboard) follows her departments.
    onSuccess: () => qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'users' || q.queryKey[0] === 'reports' }),
  });
}
