import { useQuery } from '@tanstack/react-query';
import type { FindInput } from '../../../shared/contract';
import { api } from '../../api/client';
import { placeholderOf } from './filters';

export const finderKeys = {
  find: (input: FindInput, seq: number) => ['patients', 'find', input, seq] as const,
};

export function useFindPatients(input: FindInput, seq: number) {
  return useQuery({
    queryKey: finderKeys.find(input, seq),
    queryFn: () => api.call('patients.find', input),
    placeholderData: (previous, previousQuery) => placeholderOf(input.kind, previous, previousQuery?.queryKey),
  });
}
