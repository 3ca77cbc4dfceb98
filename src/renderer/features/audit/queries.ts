import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditFilter } from '../../../shared/contract/audit';
import { api } from '../../api/client';

export function useAuditSearch(filter: AuditFilter, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['audit', 'search', filter, page, pageSize],
    queryFn: () => api.call('audit.search', { ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useAuditVerify() {
  return useMutation({ mutationFn: () => api.call('audit.verify') });
}
