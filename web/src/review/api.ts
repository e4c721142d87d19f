// Calls of the review API (docs: the review API contract) shared by the review screens.
import { api, queryOf } from '../api/client.ts';
import type { QueueItem, QueuePage } from '../api/types.ts';

/** The queue filters a reviewer can set (all optional). */
export interface QueueFilters {
  readonly level?: string;
  readonly family?: string;
  readonly indicator?: string;
  readonly town?: string;
  readonly postedFrom?: string;
  readonly postedTo?: string;
}

export const FILTER_KEYS = [
  'level',
  'family',
  'indicator',
  'town',
  'postedFrom',
  'postedTo',
] as const;

/** The filters held in a URL's search parameters. */
export function filtersFrom(params: URLSearchParams): QueueFilters {
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v !== null && v !== '') out[k] = v;
  }
  return out;
}

/** One page of the queue. */
export function fetchQueue(filters: QueueFilters, cursor?: string | null): Promise<QueuePage> {
  return api<QueuePage>(`/review/queue${queryOf({ ...filters, limit: 50, cursor })}`);
}

/** Claims the next item matching the filters; null when there is none. */
export async function claimNext(filters: QueueFilters): Promise<QueueItem | null> {
  const answer = await api<{ item: QueueItem } | undefined>('/review/next', {
    method: 'POST',
    body: filters,
  });
  return answer?.item ?? null;
}
