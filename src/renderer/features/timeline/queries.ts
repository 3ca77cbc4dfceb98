import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export const timelineKeys = {
  all: ['patients', 'timeline'] as const,
  one: (patientId: number) => ['patients', 'timeline', patientId] as const,
};

export const timelineQuery = (patientId: number) =>
  queryOptions({
    queryKey: timelineKeys.one(patientId),
    queryFn: () => api.call('patients.timeline', { patientId }),
  });

export function useTimeline(patientId: number | null) {
  return useQuery({ ...timelineQuery(patientId ?? 0), enabled: patientId !== null });
}
