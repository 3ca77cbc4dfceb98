import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FindInput } from '../../../shared/contract';
import { api } from '../../api/client';

export const finderKeys = {
  find: (input: FindInput, seq: number) => ['patients', 'find', input, seq] as const,
};

export function useFindPatients(input: FindInput, seq: number) {
  return useQuery({
    queryKey: finderKeys.find(input, seq),
    queryFn: () => api.call('patients.find', input),
    // Keep the old page on screen while the next one loads, so the table doesn't flash empty.
    placeholderData: keepPreviousData,
  });
}
