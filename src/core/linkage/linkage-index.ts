/**
 * Beacon's linkage engine: joins adverts into networks by what they share, one advert at a time.
 *
 * - Exact identifiers after normalisation: phones (E.164, also those recovered from obscured
 *   text), emails, payer tokens, accounts, social handles, image hashes.
 * - Near-duplicate images: PDQ hashes within `imageDistance` bits, found with the multi-index
 *   (`image/pdq-index.ts`); a near copy joins the identifier of the first image it matched.
 * - Templated text: `TextLinker` (MinHash + LSH over slot-masked shingles, IDF-verified).
 *
 * Every link is an edge with its type and the value shared. Networks are the connected
 * components of the edges. A value carried by more than a few distinct accounts (a helpline, a
 * booking service, a stock photo) is a hub: it is reported, and its edges stop joining adverts,
 * so one popular number cannot merge unrelated advertisers into a giant component. Whether a value
 * is a hub depends only on the final count of accounts behind it, so a batch run and an
 * incremental run over the same adverts in the same order give the same networks.
 */
import type { TextExtraction } from '../extract/types.ts';
import { hammingDistance } from '../image/pdq.ts';
import { PdqIndex, type PdqIndexJson } from '../image/pdq-index.ts';
import { EdgeStore, type Edge, type EdgeStoreState, type LinkType } from './edge-store.ts';
import type { NetworkMember } from './member.ts';
import {
  TextLinker,
  type SlotDifference,
  type TextLinkerOptions,
  type TextLinkerSnapshot,
} from './text-template.ts';

export { LINK_TYPES, type Edge, type LinkType } from './edge-store.ts';

/** A value behind too many accounts to be evidence of one controller. */
export interface Hub {
  readonly type: LinkType;
  readonly value: string;
  /** Adverts carrying it (counted until the end of the run). */
  readonly adverts: number;
  /** Distinct accounts carrying it, at least. */
  readonly accounts: number;
}

/** Tuning of the index; the defaults are argued for next to DEFAULT_LINKAGE_OPTIONS. */
export interface LinkageOptions {
  /** A phone, email, payer or handle behind more than this many accounts is a hub. */
  readonly hubAccounts: number;
  /** An image behind more than this many accounts is a hub (stock and scraped photos). */
  readonly imageHubAccounts: number;
  /** Largest PDQ Hamming distance that counts as the same photo. */
  readonly imageDistance: number;
  /** Phones (E.164) never linked: helplines and services that adverts quote. */
  readonly ignorePhones: readonly string[];
  readonly text: Partial<TextLinkerOptions>;
}

/*
 * Why these defaults:
 * - hubAccounts 50: research on ASW networks (EVIDENCE.md) finds controllers behind tens of
 *   accounts, not hundreds; a number shared by more than 50 accounts is a service, a helpline or
 *   a data error, and is shown as a hub finding rather than used to merge.
 * - imageHubAccounts 10: a photo on more than ten accounts is most likely a stock or scraped
 *   image that unrelated advertisers use; reuse within a network shows on fewer accounts and is
 *   still caught by the image indicators.
 * - imageDistance 31: the PDQ authors' recommended match threshold.
 * - ignorePhones: UK helplines adverts quote for safety (Modern Slavery & Exploitation Helpline,
 *   Crimestoppers, Childline, National Domestic Abuse Helpline, Rape Crisis).
 */
export const DEFAULT_LINKAGE_OPTIONS: LinkageOptions = {
  hubAccounts: 50,
  imageHubAccounts: 10,
  imageDistance: 31,
  ignorePhones: ['+448000121700', '+44800555111', '+448001111', '+448082000247', '+448085002222'],
  text: {},
};

/** What one added advert brought. */
export interface AddResult {
  /** The advert's position in the index. */
  readonly index: number;
  /** Edges from it to adverts added before it. */
  readonly edges: readonly Edge[];
  /** Values of this advert that are hubs (now or already). */
  readonly hubs: readonly Hub[];
  /** Its network's id, or null when it is linked to nothing. */
  readonly networkId: string | null;
}

/** A network: a connected component of two or more adverts. */
export interface Network {
  readonly id: string;
  /** Advert positions in the order they were added. */
  readonly members: readonly number[];
  /** Edges inside the network that join it. */
  readonly edges: readonly Edge[];
  /** Hub values carried by the network's adverts (not used to join). */
  readonly hubs: readonly Hub[];
}

/** The saved form of the postings. */
interface PostingsState {
  readonly keys: readonly string[];
  readonly first: readonly number[];
  readonly adverts: readonly number[];
  readonly accountCount: readonly number[];
  readonly hub: readonly number[];
  readonly account: readonly (string | null)[];
  readonly moreAccounts: ReadonlyArray<readonly [number, string[]]>;
}

/** The saved state of a LinkageIndex (structured-cloneable: plain objects and typed arrays). */
export interface LinkageSnapshot {
  readonly format: 'beacon-linkage-index';
  readonly version: 1;
  readonly options: LinkageOptions;
  /** Each advert's member record as JSON. */
  readonly members: readonly string[];
  readonly edges: EdgeStoreState;
  readonly postings: PostingsState;
  readonly imageCanon: ReadonlyArray<readonly [string, string]>;
  readonly pdq: PdqIndexJson;
  readonly text: TextLinkerSnapshot;
  readonly textDoc: Int32Array;
}

const SEP = '\u0000';

/**
 * A posting's key: `type \0 value`, except for photos, whose key is the hash itself (the same
 * string the photo table holds, so a million photos are not stored twice; no other key is 64 hex
 * digits without a separator).
 */
function postingKey(type: LinkType, value: string): string {
  return type === 'image' ? value : type + SEP + value;
}

function splitKey(key: string): { type: LinkType; value: string } {
  const cut = key.indexOf(SEP);
  return cut < 0
    ? { type: 'image', value: key }
    : { type: key.slice(0, cut) as LinkType, value: key.slice(cut + 1) };
}

/** The incremental linkage index. */
export class LinkageIndex {
  readonly options: LinkageOptions;
  // Members are kept as JSON, one string per advert (a million adverts would otherwise be
  // tens of millions of small objects for the collector to trace); ids apart, as edges need them.
  private readonly memberJson: string[] = [];
  private readonly advertIds: string[] = [];
  private readonly siteOf: string[] = [];
  private edges = new EdgeStore();
  // Postings in columns, by id (the order values were first seen); edges refer to them by id.
  // A value is `type \0 value`; `first` is the first advert carrying it (later ones link to it).
  private readonly postings = new Map<string, number>();
  private readonly postKeys: string[] = [];
  private readonly postFirst: number[] = [];
  private readonly postAdverts: number[] = [];
  private readonly postAccountCount: number[] = [];
  private readonly postHub: number[] = [];
  // Distinct accounts carrying a value, kept until it becomes a hub: the first in a column, any
  // others (rare) in a map.
  private readonly postAccount: (string | null)[] = [];
  private readonly postMoreAccounts = new Map<number, string[]>();
  /** Every image hash seen → the hash whose identifier it joined. */
  private readonly imageCanon = new Map<string, string>();
  private readonly ignore: ReadonlySet<string>;
  private pdq: PdqIndex;
  private text: TextLinker;
  // Union-find over advert positions; rebuilt from the edges when a value becomes a hub.
  private parent: Int32Array = new Int32Array(1024);
  private size: Int32Array = new Int32Array(1024);
  // Each component's adverts as a circular list (next advert in the same component), and where
  // each advert's edges start in `edges` (an advert's edges are stored together, when it is added).
  private next: Int32Array = new Int32Array(1024);
  private edgeStart: Int32Array = new Int32Array(1025);
  // Each advert's document in the text linker (-1: its text was too short to compare).
  private textDoc: Int32Array = new Int32Array(1024);
  private readonly hubIds = new Set<number>();
  /** Adverts whose edges are stored and joined (all of them, except while one is being added). */
  private joined = 0;

  constructor(options: Partial<LinkageOptions> = {}) {
    this.options = { ...DEFAULT_LINKAGE_OPTIONS, ...options };
    this.ignore = new Set(this.options.ignorePhones);
    this.pdq = new PdqIndex();
    this.text = new TextLinker(this.options.text);
  }

  /** Adverts added so far. */
  get count(): number {
    return this.memberJson.length;
  }

  /** The member record of the advert at `index`. */
  member(index: number): NetworkMember {
    const json = this.memberJson[index];
    if (json === undefined) throw new RangeError(`no advert at ${index}`);
    return JSON.parse(json) as NetworkMember;
  }

  /** The id of the advert at `index`. */
  advertId(index: number): string {
    const id = this.advertIds[index];
    if (id === undefined) throw new RangeError(`no advert at ${index}`);
    return id;
  }

  /** Edges so far. */
  get edgeCount(): number {
    return this.edges.length;
  }

  /** Records `account` as carrying posting `id`; true when it had not before. */
  private isNewAccount(id: number, account: string): boolean {
    if (this.postAccount[id] === account) return false;
    const more = this.postMoreAccounts.get(id);
    if (!more) {
      this.postMoreAccounts.set(id, [account]);
      return true;
    }
    if (more.includes(account)) return false;
    more.push(account);
    return true;
  }

  /** Every edge so far, in the order they were found (built on demand: prefer `edgeCount`). */
  allEdges(): Edge[] {
    const out: Edge[] = [];
    for (let k = 0; k < this.edges.length; k++) out.push(this.edgeAt(k));
    return out;
  }

  private edgeAt(k: number): Edge {
    return this.edges.edge(k, (id) => this.valueOfPosting(id));
  }

  private valueOfPosting(id: number): string {
    return splitKey(this.postKeys[id]!).value;
  }

  /** The template a text edge's two adverts share and the slots that differ. */
  explainText(e: Edge): { template: string; differences: SlotDifference[] } | null {
    if (e.type !== 'text') return null;
    const a = this.textDoc[e.a] as number;
    const b = this.textDoc[e.b] as number;
    return a < 0 || b < 0 ? null : this.text.explain(a, b);
  }

  /** Every hub so far. */
  hubs(): Hub[] {
    const out: Hub[] = [];
    for (const id of this.hubIds) out.push(this.hubOf(id));
    return out;
  }

  /**
   * Adds one advert: finds its links to earlier adverts, joins networks, and returns what it
   * brought. `text` is the advert's text; `slots` its own name(s) and town(s) for masking;
   * `extraction` the text's extraction when the caller has it (features do).
   */
  add(
    member: NetworkMember,
    text: string,
    slots: { names?: readonly string[]; towns?: readonly string[] } = {},
    extraction?: TextExtraction,
  ): AddResult {
    const index = this.memberJson.length;
    // Photos are kept as the photo each first matched (near copies become one photo), which is
    // what the image indicators should count, and shares one string among all that show it.
    const photos: { canon: string; distance: number }[] = [];
    for (const hash of member.images) {
      const [canon, distance] = this.canonicalImage(hash);
      if (!photos.some((p) => p.canon === canon)) photos.push({ canon, distance });
    }
    this.memberJson.push(JSON.stringify({ ...member, images: photos.map((p) => p.canon) }));
    this.advertIds.push(member.id);
    this.siteOf.push(member.site);
    this.grow(index + 1);
    this.parent[index] = index;
    this.size[index] = 1;
    this.next[index] = index;
    this.edgeStart[index] = this.edges.length;
    const hubs: Hub[] = [];
    const account = member.accountId === null ? `#${index}` : `${member.site}/${member.accountId}`;
    const see = (type: LinkType, value: string, distance = NaN) => {
      const key = postingKey(type, value);
      const id = this.postings.get(key);
      if (id === undefined) {
        this.postings.set(key, this.postKeys.length);
        this.postKeys.push(key);
        this.postFirst.push(index);
        this.postAdverts.push(1);
        this.postAccountCount.push(1);
        this.postHub.push(0);
        this.postAccount.push(account);
        return;
      }
      this.postAdverts[id]!++;
      if (this.postHub[id] === 0 && this.isNewAccount(id, account)) {
        this.postAccountCount[id]!++;
        const limit = type === 'image' ? this.options.imageHubAccounts : this.options.hubAccounts;
        if (type !== 'account' && this.postAccountCount[id]! > limit) {
          this.postHub[id] = 1;
          this.postAccount[id] = null;
          this.postMoreAccounts.delete(id);
          this.hubIds.add(id);
          this.rebuildComponents();
        }
      }
      const p = { hub: this.postHub[id] === 1, first: this.postFirst[id]! };
      if (p.hub) {
        hubs.push(this.hubOf(id));
        return;
      }
      this.edges.push(p.first, index, type, id, distance);
    };

    if (member.accountId !== null) see('account', `${member.site}/${member.accountId}`);
    if (member.payerId !== null) see('payer', `${member.site}/${member.payerId}`);
    for (const v of member.phones) if (!this.ignore.has(v)) see('phone', v);
    for (const v of member.emails) see('email', v);
    for (const v of member.handles) see('handle', v);
    for (const p of photos) see('image', p.canon, p.distance);
    for (const m of this.text.add(String(index), text, slots, extraction)) {
      this.edges.push(Number(m.id), index, 'text', -1, m.similarity);
    }
    this.textDoc[index] = this.text.lastDoc;
    this.edgeStart[index + 1] = this.edges.length;
    this.join(index);
    this.joined = index + 1;
    const from = this.edgeStart[index] as number;
    const to = this.edges.length;
    // Edge objects only for callers that read them (a batch run does not).
    const edgeAt = (k: number) => this.edgeAt(k);
    return {
      index,
      get edges() {
        const edges: Edge[] = [];
        for (let k = from; k < to; k++) edges.push(edgeAt(k));
        return edges;
      },
      hubs,
      networkId: this.networkIdOf(index),
    };
  }

  /** The id of the network the advert at `index` belongs to, or null when it is alone. */
  networkIdOf(index: number): string | null {
    const root = this.find(index);
    if ((this.size[root] as number) < 2) return null;
    return networkIdOf(this.siteOf[root]!, this.advertIds[root]!);
  }

  /** Every advert's network id (null when alone), one string per network. */
  networkIds(): (string | null)[] {
    const ids = new Map<number, string>();
    const out: (string | null)[] = [];
    for (let i = 0; i < this.memberJson.length; i++) {
      const root = this.find(i);
      if ((this.size[root] as number) < 2) {
        out.push(null);
        continue;
      }
      let id = ids.get(root);
      if (id === undefined)
        ids.set(root, (id = networkIdOf(this.siteOf[root]!, this.advertIds[root]!)));
      out.push(id);
    }
    return out;
  }

  /** Every network (two or more adverts), in the order of their first advert. */
  networks(): Network[] {
    return this.networkMembers().map((members) => this.network(members));
  }

  /**
   * The adverts of every network, in the order of their first advert; `network(members)` builds
   * one network at a time (with its edges), so all of them need not be in memory at once.
   */
  networkMembers(): number[][] {
    const byRoot = new Map<number, number[]>();
    for (let i = 0; i < this.memberJson.length; i++) {
      const root = this.find(i);
      if ((this.size[root] as number) < 2) continue;
      const list = byRoot.get(root);
      if (list) list.push(i);
      else byRoot.set(root, [i]);
    }
    return [...byRoot.values()];
  }

  /** The network of the advert at `index`, or null when it is alone. */
  networkOf(index: number): Network | null {
    const root = this.find(index);
    if ((this.size[root] as number) < 2) return null;
    const members: number[] = [root];
    for (let i = this.next[root] as number; i !== root; i = this.next[i] as number) members.push(i);
    members.sort((x, y) => x - y);
    return this.network(members);
  }

  /** The saved state, to restore with `LinkageIndex.restore`. */
  snapshot(): LinkageSnapshot {
    return {
      format: 'beacon-linkage-index',
      version: 1,
      options: this.options,
      members: this.memberJson,
      edges: this.edges.state(),
      postings: {
        keys: this.postKeys,
        first: this.postFirst,
        adverts: this.postAdverts,
        accountCount: this.postAccountCount,
        hub: this.postHub,
        account: this.postAccount,
        moreAccounts: [...this.postMoreAccounts],
      },
      imageCanon: [...this.imageCanon],
      pdq: this.pdq.toJSON(),
      text: this.text.snapshot(),
      textDoc: this.textDoc.slice(0, this.memberJson.length),
    };
  }

  /** An index in the state `snapshot` saved; adding to it continues as if never stopped. */
  static restore(snapshot: LinkageSnapshot): LinkageIndex {
    if (snapshot.format !== 'beacon-linkage-index' || snapshot.version !== 1) {
      throw new Error('not a Beacon linkage index snapshot (format beacon-linkage-index v1)');
    }
    const index = new LinkageIndex(snapshot.options);
    for (const json of snapshot.members) {
      const m = JSON.parse(json) as NetworkMember;
      index.memberJson.push(json);
      index.advertIds.push(m.id);
      index.siteOf.push(m.site);
    }
    index.edges = EdgeStore.from(snapshot.edges);
    const n = index.memberJson.length;
    index.grow(n + 1);
    let k = 0;
    for (let i = 0; i <= n; i++) {
      while (k < index.edges.length && index.edges.bAt(k) < i) k++;
      index.edgeStart[i] = k;
    }
    index.joined = n;
    const p = snapshot.postings;
    p.keys.forEach((key, id) => {
      index.postings.set(key, id);
      index.postKeys.push(key);
      index.postFirst.push(p.first[id]!);
      index.postAdverts.push(p.adverts[id]!);
      index.postAccountCount.push(p.accountCount[id]!);
      index.postHub.push(p.hub[id]!);
      index.postAccount.push(p.account[id]!);
      if (p.hub[id]) index.hubIds.add(id);
    });
    for (const [id, accounts] of p.moreAccounts) index.postMoreAccounts.set(id, [...accounts]);
    for (const [k, v] of snapshot.imageCanon) index.imageCanon.set(k, v);
    index.pdq = PdqIndex.fromJSON(snapshot.pdq);
    index.text = TextLinker.restore(snapshot.text);
    index.textDoc.set(snapshot.textDoc);
    index.rebuildComponents();
    return index;
  }

  // -------------------------------------------------------------------------------------------

  /** The network made of `members` (a list from networkMembers), with its edges and hubs. */
  network(members: number[]): Network {
    const hubs = new Set<number>();
    const edges: Edge[] = [];
    for (const i of members) {
      for (let k = this.edgeStart[i] as number; k < (this.edgeStart[i + 1] as number); k++) {
        // Edges that joined, or fell inside the network anyway; not hubs, not lone photos
        // reaching into another network.
        if (!this.isHubEdge(k) && this.find(this.edges.aAt(k)) === this.find(i)) {
          edges.push(this.edgeAt(k));
        }
      }
      if (this.hubIds.size > 0) {
        for (const key of this.keysOf(this.member(i))) {
          const id = this.postings.get(key);
          if (id !== undefined && this.hubIds.has(id)) hubs.add(id);
        }
      }
    }
    return {
      id: networkIdOf(this.siteOf[members[0]!]!, this.advertIds[members[0]!]!),
      members,
      edges,
      hubs: [...hubs].map((k) => this.hubOf(k)),
    };
  }

  private keysOf(m: NetworkMember): string[] {
    const keys: string[] = [];
    if (m.payerId !== null) keys.push(postingKey('payer', `${m.site}/${m.payerId}`));
    for (const v of m.phones) keys.push(postingKey('phone', v));
    for (const v of m.emails) keys.push(postingKey('email', v));
    for (const v of m.handles) keys.push(postingKey('handle', v));
    for (const h of m.images) keys.push(postingKey('image', h)); // canonical already
    return keys;
  }

  private hubOf(id: number): Hub {
    const { type, value } = splitKey(this.postKeys[id]!);
    return {
      type,
      value,
      adverts: this.postAdverts[id]!,
      accounts: this.postAccountCount[id]!,
    };
  }

  /** The identifier an image joins: its own hash, or the nearest earlier near copy's. */
  private canonicalImage(hash: string): [canon: string, distance: number] {
    const known = this.imageCanon.get(hash);
    if (known !== undefined) return [known, known === hash ? 0 : hammingDistance(hash, known)];
    const matches = this.pdq.query(hash, this.options.imageDistance);
    let best: { id: string; distance: number } | undefined;
    for (const m of matches) if (!best || m.distance < best.distance) best = m;
    if (best) {
      this.imageCanon.set(hash, best.id);
      return [best.id, best.distance];
    }
    this.imageCanon.set(hash, hash);
    this.pdq.add(hash, hash);
    return [hash, 0];
  }

  private grow(n: number): void {
    if (n <= this.parent.length) return;
    const cap = Math.max(n, this.parent.length * 2);
    const copy = (a: Int32Array, length: number) => {
      const b = new Int32Array(length);
      b.set(a);
      return b;
    };
    this.parent = copy(this.parent, cap);
    this.size = copy(this.size, cap);
    this.next = copy(this.next, cap);
    this.edgeStart = copy(this.edgeStart, cap + 1);
    this.textDoc = copy(this.textDoc, cap);
  }

  private find(i: number): number {
    const parent = this.parent;
    while (parent[i] !== i) {
      const up = parent[parent[i] as number] as number;
      parent[i] = up;
      i = up;
    }
    return i;
  }

  /** Joins two components; the root is the one with the earlier first advert. */
  private union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (rb < ra) [ra, rb] = [rb, ra];
    // Roots are always the earliest advert of their component, so ids stay stable.
    this.parent[rb] = ra;
    this.size[ra] = (this.size[ra] as number) + (this.size[rb] as number);
    // Splice the two circular member lists into one.
    const after = this.next[ra] as number;
    this.next[ra] = this.next[rb] as number;
    this.next[rb] = after;
  }

  /**
   * Joins the advert at `b` to the networks its edges reach. Every edge but an image's joins. A
   * single shared photo may be a stock or stolen image that strangers both use, so images join
   * two networks only when two or more different photos link them; a lone shared photo stays an
   * edge (evidence) without joining.
   */
  private join(b: number): void {
    const start = this.edgeStart[b] as number;
    const end = this.edgeStart[b + 1] as number;
    const store = this.edges;
    let images = false;
    for (let k = start; k < end; k++) {
      if (store.typeAt(k) === 'image') images = true;
      else if (!this.isHubEdge(k)) this.union(store.aAt(k), b);
    }
    if (!images) return;
    const photosByRoot = new Map<number, Set<number>>();
    for (let k = start; k < end; k++) {
      if (store.typeAt(k) !== 'image' || this.isHubEdge(k)) continue;
      const root = this.find(store.aAt(k));
      if (root === this.find(b)) continue;
      let photos = photosByRoot.get(root);
      if (!photos) photosByRoot.set(root, (photos = new Set()));
      photos.add(store.valueAt(k));
    }
    for (const [root, photos] of photosByRoot) if (photos.size >= 2) this.union(root, b);
  }

  private isHubEdge(k: number): boolean {
    return this.hubIds.size > 0 && this.hubIds.has(this.edges.valueAt(k));
  }

  /** Replays every advert's joins, leaving out hub edges: the components as if known from the start. */
  private rebuildComponents(): void {
    const n = this.memberJson.length;
    this.grow(n);
    for (let i = 0; i < n; i++) {
      this.parent[i] = i;
      this.size[i] = 1;
      this.next[i] = i;
    }
    // The advert being added (if any) joins after its edges are stored.
    for (let i = 0; i < this.joined; i++) this.join(i);
  }
}

/** A network's id: from its first advert, so it does not change as the network grows. */
function networkIdOf(site: string, id: string): string {
  return site === '' ? `net-${id}` : `net-${site}-${id}`;
}
