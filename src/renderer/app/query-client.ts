import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiCallError } from '../api/errors';
import { showError } from '../api/notices';
import i18n from '../i18n';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiCallError;
    // `silent`: the screen shows the error itself (e.g. the login form).
    mutationMeta: { silent?: boolean };
    queryMeta: { silent?: boolean };
  }
}

// 401s are not notices: the session listener already returns the user to the login screen.
const noticeWorthy = (err: unknown) => !(err instanceof ApiCallError && err.code === 'unauthenticated');

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (err, query) => {
        if (!query.meta?.silent && noticeWorthy(err)) showError(err, i18n.t);
      },
    }),
    mutationCache: new MutationCache({
      onError: (err, _vars, _ctx, mutation) => {
        if (!mutation.meta?.silent && noticeWorthy(err)) showError(err, i18n.t);
      },
    }),
    defaultOptions: {
      queries: {
        // Only a lost connection is worth retrying; a refused input or role will not change.
        retry: (count, err) => err instanceof ApiCallError && err.code === 'network' && count < 2,
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
}
