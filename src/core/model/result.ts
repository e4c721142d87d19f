import type { Span } from '../extract/types.ts';

export const LEVELS = ['none', 'low', 'medium', 'high'] as const;
/** Risk level of an advert or network. */
export type Level = (typeof LEVELS)[number];

export const FAMILIES = ['text', 'image', 'account', 'network'] as const;
/** Indicator family, as in EVIDENCE.md. */
export type Family = (typeof FAMILIES)[number];

/** What a contribution to a score points at. */
export type Evidence =
  | {
      readonly kind: 'text';
      readonly field: 'title' | 'text';
      readonly span: Span;
      /** The matched characters, for display; never more than the match itself. */
      readonly excerpt: string;
    }
  | {
      readonly kind: 'field';
      /** Dotted path into the advert, e.g. "verified.age" or "phones[1]". */
      readonly field: string;
      readonly value: unknown;
    }
  | {
      readonly kind: 'link';
      readonly linkType: string;
      readonly adverts: readonly string[];
      readonly detail: string;
    };

/** One indicator's contribution to a score. */
export interface Reason {
  readonly indicator: string;
  readonly family: Family;
  readonly weight: number;
  readonly evidence: readonly Evidence[];
}

/** The screening result of one advert, as written to adverts.jsonl. */
export interface AdvertResult {
  readonly id: string;
  readonly site: string | null;
  readonly score: number;
  readonly level: Level;
  readonly networkId: string | null;
  readonly catalogueVersion: string;
  readonly reasons: readonly Reason[];
}
