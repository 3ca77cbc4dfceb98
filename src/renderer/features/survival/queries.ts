import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { survivalInput } from '../../../shared/contract/reports';
import { api } from '../../api/client';

export type SurvivalInput = z.input<typeof survivalInput>;

export function useSurvival(input: SurvivalInput | null, seq: number) {
  return useQuery({
    queryKey: ['reports', 'survival', input, seq],
    queryFn: () => api.call('reports.survival', input!),
    enabled: input !== null,
    retry: false,
  });
}
