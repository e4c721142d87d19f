/** What an edge says the two adverts share. */
export const LINK_TYPES = [
  'account',
  'payer',
  'phone',
  'email',
  'handle',
  'image',
  'text',
] as const;
export type LinkType = (typeof LINK_TYPES)[number];

/** A link between two adverts; `a` was added before `b`. */
export interface Edge {
  readonly a: number;
  readonly b: number;
  readonly type: LinkType;
  /** The shared value: E.164 phone, email, `site/payer`, `site/account`, `platform:handle`, the
   * first image's PDQ hash; empty for text. */
  readonly value: string;
  /** Images: Hamming distance between the two hashes (0 for the same hash). */
  readonly distance?: number;
  /** Text: weighted similarity (the template and differences: `LinkageIndex#explainText`). */
  readonly similarity?: number;
}

/** The saved form of an EdgeStore. */
export interface EdgeStoreState {
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly type: Uint8Array;
  readonly value: Int32Array;
  readonly num: Float32Array;
}

/**
 * Every edge of the index in columns of typed arrays (17 bytes an edge instead of an object of
 * 60 or more, and nothing for the collector to trace): a million adverts have several million
 * edges. `value` is the id of the shared value's posting (-1 for text); `num` holds an image
 * edge's distance or a text edge's similarity (NaN for neither).
 */
export class EdgeStore {
  private a = new Int32Array(4096);
  private b = new Int32Array(4096);
  private type = new Uint8Array(4096);
  private value = new Int32Array(4096);
  private num = new Float32Array(4096);
  length = 0;

  push(a: number, b: number, type: LinkType, value: number, num: number): void {
    if (this.length === this.a.length) this.grow(this.length * 2);
    const k = this.length++;
    this.a[k] = a;
    this.b[k] = b;
    this.type[k] = LINK_TYPES.indexOf(type);
    this.value[k] = value;
    this.num[k] = num;
  }

  aAt(k: number): number {
    return this.a[k] as number;
  }

  bAt(k: number): number {
    return this.b[k] as number;
  }

  typeAt(k: number): LinkType {
    return LINK_TYPES[this.type[k] as number]!;
  }

  valueAt(k: number): number {
    return this.value[k] as number;
  }

  /** Edge `k` as an object; `valueOf` turns a posting id into its value. */
  edge(k: number, valueOf: (id: number) => string): Edge {
    const type = this.typeAt(k);
    const num = this.num[k] as number;
    const a = this.aAt(k);
    const b = this.bAt(k);
    if (type === 'text') return { a, b, type, value: '', similarity: Math.round(num * 1e4) / 1e4 };
    const value = valueOf(this.valueAt(k));
    return type === 'image' ? { a, b, type, value, distance: num } : { a, b, type, value };
  }

  state(): EdgeStoreState {
    const n = this.length;
    return {
      a: this.a.slice(0, n),
      b: this.b.slice(0, n),
      type: this.type.slice(0, n),
      value: this.value.slice(0, n),
      num: this.num.slice(0, n),
    };
  }

  static from(s: EdgeStoreState): EdgeStore {
    const store = new EdgeStore();
    store.grow(Math.max(4096, s.a.length));
    store.a.set(s.a);
    store.b.set(s.b);
    store.type.set(s.type);
    store.value.set(s.value);
    store.num.set(s.num);
    store.length = s.a.length;
    return store;
  }

  private grow(cap: number): void {
    const copy = <T extends Int32Array | Uint8Array | Float32Array>(
      old: T,
      make: (n: number) => T,
    ) => {
      const next = make(cap);
      next.set(old);
      return next;
    };
    this.a = copy(this.a, (n) => new Int32Array(n));
    this.b = copy(this.b, (n) => new Int32Array(n));
    this.type = copy(this.type, (n) => new Uint8Array(n));
    this.value = copy(this.value, (n) => new Int32Array(n));
    this.num = copy(this.num, (n) => new Float32Array(n));
  }
}
