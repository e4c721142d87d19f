// The shape of GET /api/v1/networks/:id/graph as the network view reads it (the server's zod
// schema, src/server/routes/networks/graph.ts, is the source of truth).

export type Level = 'none' | 'low' | 'medium' | 'high';

export const NODE_KINDS = [
  'advert',
  'phone',
  'email',
  'handle',
  'account',
  'payer',
  'image',
] as const;
/** What a node stands for. */
export type NodeKind = (typeof NODE_KINDS)[number];

export interface GraphNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly level?: string;
  readonly score?: number;
  readonly town?: string | null;
  readonly postedAt?: string | null;
  readonly adverts?: number;
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly type: string;
  readonly reason: string;
}

export interface TimelineEntry {
  readonly advertId: number;
  readonly externalId: string;
  readonly postedAt: string;
  readonly town: string | null;
}

export interface CircuitTown {
  readonly name: string;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly adverts: number;
  readonly first: string | null;
  readonly last: string | null;
}

export interface TemplateSlot {
  readonly name: string;
  readonly placeholder: string;
  readonly values: readonly string[];
}

/** The network view's data. */
export interface NetworkGraph {
  readonly network: {
    readonly id: string;
    readonly score: number;
    readonly level: string;
    readonly size: number;
    readonly shown: number;
    readonly truncated: boolean;
    readonly personal: boolean;
  };
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly timeline: readonly TimelineEntry[];
  readonly towns: readonly CircuitTown[];
  readonly template: {
    readonly text: string;
    readonly links: number;
    readonly slots: readonly TemplateSlot[];
  } | null;
}
