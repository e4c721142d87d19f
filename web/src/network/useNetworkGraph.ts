// Fetches the network view's data from the same origin with the session cookie.
import { useCallback, useEffect, useState } from 'react';
import type { NetworkGraph } from './types.ts';

export type GraphState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly code: number }
  | { readonly status: 'ready'; readonly graph: NetworkGraph };

/** The graph of `networkId`, refetched when it changes; `retry` fetches again. */
export function useNetworkGraph(networkId: string): { state: GraphState; retry: () => void } {
  const [state, setState] = useState<GraphState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const abort = new AbortController();
    setState({ status: 'loading' });
    fetch(`/api/v1/networks/${encodeURIComponent(networkId)}/graph`, {
      credentials: 'include',
      headers: { accept: 'application/json' },
      signal: abort.signal,
    })
      .then(async (res) => {
        if (!res.ok) {
          setState({ status: 'error', code: res.status });
          return;
        }
        setState({ status: 'ready', graph: (await res.json()) as NetworkGraph });
      })
      .catch((err: unknown) => {
        if (!abort.signal.aborted) setState({ status: 'error', code: 0 });
        void err;
      });
    return () => abort.abort();
  }, [networkId, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
