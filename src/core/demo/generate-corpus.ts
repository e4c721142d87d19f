/**
 * Synthetic demo corpus: a deterministic, streaming simulation of a UK adult-services site.
 *
 * Adverts come out in posting order. Advert k is due at a fixed slot time (the window divided
 * evenly, warped by a daily rhythm); the persona most overdue posts it, and when nobody is due a
 * new advertiser arrives, of the kind whose share of adverts lags its target most. Personas
 * repost every few days until their working life ends; agencies and networks add personas over
 * time. Only advertisers still active are held in memory, never past adverts.
 *
 * What is drawn here was written by engineers from published research (docs/demo-corpus.md):
 * every red flag also appears among independents and agencies, and many network adverts look
 * ordinary. It is for demos, tests and benchmarks, not evidence that a detector works.
 */
import type { Advert } from '../advert/advert-schema.ts';
import {
  DAY_MS,
  days,
  photoCount,
  photoHex,
  POOLS,
  PRIVACY_NOTES,
  randomPhotos,
  SCRAPED_IMAGE_COUNT,
  spawnAgency,
  spawnIndependent,
  spawnNetwork,
  STOCK_IMAGE_COUNT,
  TOWNS,
  type Controller,
  type Ctx,
  type Persona,
  type PhoneSlot,
  type Town,
} from './advertisers.ts';
import { renderTemplate, renderText, SLOT, type Template } from './compose-text.ts';
import { HOURLY_ACTIVITY, KIND_SHARES } from './corpus-config.ts';
import { formatPhone, obscureEmail, obscurePhone, PhoneAllocator } from './phones.ts';
import * as P from './phrases.ts';
import { createRandom, WeightedTable } from './random.ts';
import type { ControllerKind, DemoItem, DemoOptions, TruthRow } from './types.ts';

/** Cumulative share of a day's posts by the start of each hour, for the daily rhythm. */
const HOUR_CDF = (() => {
  const total = HOURLY_ACTIVITY.reduce((a, b) => a + b, 0);
  const cdf = [0];
  let sum = 0;
  for (const w of HOURLY_ACTIVITY) {
    sum += w;
    cdf.push(sum / total);
  }
  return cdf;
})();

type Entry = Persona | Controller;

/**
 * Min-heap on (due, seq); seq breaks ties so the order never depends on the heap's layout. Keys
 * sit in typed arrays beside the entries: comparing them is the hot loop.
 */
class EntryHeap {
  private entries: Entry[] = [];
  private due = new Float64Array(1024);
  private seq = new Float64Array(1024);
  private n = 0;

  /** The earliest due time (Infinity when empty), read without touching the entry itself. */
  peekDue(): number {
    return this.n > 0 ? (this.due[0] as number) : Infinity;
  }

  push(entry: Entry): void {
    if (this.n === this.due.length) this.grow();
    const due = entry.due;
    const seq = entry.seq;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pd = this.due[parent] as number;
      if (pd < due || (pd === due && (this.seq[parent] as number) < seq)) break;
      this.move(parent, i);
      i = parent;
    }
    this.entries[i] = entry;
    this.due[i] = due;
    this.seq[i] = seq;
  }

  pop(): Entry | undefined {
    if (this.n === 0) return undefined;
    const top = this.entries[0];
    const last = --this.n;
    if (last > 0) {
      const entry = this.entries[last] as Entry;
      const due = this.due[last] as number;
      const seq = this.seq[last] as number;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= last) break;
        const r = child + 1;
        if (r < last && this.less(r, child)) child = r;
        const cd = this.due[child] as number;
        if (cd > due || (cd === due && (this.seq[child] as number) > seq)) break;
        this.move(child, i);
        i = child;
      }
      this.entries[i] = entry;
      this.due[i] = due;
      this.seq[i] = seq;
    }
    this.entries.length = last;
    return top;
  }

  private less(a: number, b: number): boolean {
    const da = this.due[a] as number;
    const db = this.due[b] as number;
    return da < db || (da === db && (this.seq[a] as number) < (this.seq[b] as number));
  }

  private move(from: number, to: number): void {
    this.entries[to] = this.entries[from] as Entry;
    this.due[to] = this.due[from] as number;
    this.seq[to] = this.seq[from] as number;
  }

  private grow(): void {
    const due = new Float64Array(this.due.length * 2);
    due.set(this.due);
    this.due = due;
    const seq = new Float64Array(this.seq.length * 2);
    seq.set(this.seq);
    this.seq = seq;
  }
}

// ---------------------------------------------------------------------------------------------
// Writing one advert.

function currentTown(p: Persona, at: number): number {
  if (p.circuit.length > 1) {
    while (at >= p.nextMove) {
      p.circuitPos = (p.circuitPos + 1) % p.circuit.length;
      p.nextMove += p.stay;
    }
  }
  return p.circuit[p.circuitPos] as number;
}

function currentNumber(ctx: Ctx, slot: PhoneSlot, at: number): string {
  if (at >= slot.changeAt) {
    // One new number however many switch dates passed unseen: numbers nobody saw are not spent.
    slot.number = ctx.phones.mobile();
    // Independents change number once (rotateEvery is Infinity); networks every few days.
    const periods = Math.floor((at - slot.changeAt) / slot.rotateEvery) + 1;
    slot.changeAt += slot.rotateEvery === Infinity ? Infinity : periods * slot.rotateEvery;
  }
  return slot.number;
}

function writtenTown(p: Persona, town: number): string {
  const written = (TOWNS[town] as Town).written;
  return written[Math.min(p.townWritten, written.length - 1)] as string;
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/**
 * ISO 8601 of a posting time, to the whole second (never before the window's start). The date part
 * is cached per day: toISOString per advert is slow.
 */
function postedAt(ctx: Ctx, at: number): string {
  const t = Math.max(ctx.startMs, Math.floor(at / 1000) * 1000);
  const day = Math.floor(t / DAY_MS);
  if (day !== ctx.isoDay) {
    ctx.isoDay = day;
    ctx.isoDate = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  const ms = t - day * DAY_MS;
  const seconds = Math.floor(ms / 1000);
  return (
    ctx.isoDate +
    (TWO_DIGITS[Math.floor(seconds / 3600)] as string) +
    ':' +
    (TWO_DIGITS[Math.floor(seconds / 60) % 60] as string) +
    ':' +
    (TWO_DIGITS[seconds % 60] as string) +
    '.' +
    String(ms % 1000).padStart(3, '0') +
    'Z'
  );
}

function emit(ctx: Ctx, p: Persona, at: number, index: number): DemoItem {
  const rng = ctx.rng;
  const c = p.controller;
  const v = p.values;
  const town = currentTown(p, at);
  const townName = (TOWNS[town] as Town).name;
  const written = writtenTown(p, town);
  v[SLOT.town] = written;
  v[SLOT.next] =
    p.circuit.length > 1
      ? writtenTown(p, p.circuit[(p.circuitPos + 1) % p.circuit.length] as number)
      : written;
  // 1 January 1970 was a Thursday (index 3 of WEEKDAYS, which starts on Monday).
  v[SLOT.day] = P.WEEKDAYS[(Math.floor(at / DAY_MS) + 3 + rng.int(1, 4)) % 7] as string;
  let age = p.age;
  if (p.ageDrift && rng.chance(0.12)) age = Math.min(45, Math.max(18, age + rng.int(-2, 3)));

  // Duos post together most of the time, sometimes one of them alone.
  let persona = p.id;
  let name = p.name;
  let voice = p.voice;
  let account = p.account;
  let payer = p.payer;
  if (p.joint !== null) {
    const r = rng.next();
    if (r < 0.7) {
      voice = p.joint.voice;
      persona = `${c.id}/p1+p2`;
      name = `${p.name} & ${p.joint.partner}`;
    } else if (r < 0.85) {
      persona = `${c.id}/p1`;
    } else {
      persona = `${c.id}/p2`;
      name = p.joint.partner;
      age = p.joint.partnerAge;
      account = p.joint.account ?? account;
      payer = p.joint.payer ?? payer;
    }
  }
  v[SLOT.name] = p.joint !== null && persona.endsWith('/p2') ? name : p.name;
  v[SLOT.age] = String(age);

  const number = currentNumber(ctx, p.phone, at);
  const obscured = p.obscureRate > 0 && rng.chance(p.obscureRate);
  const inText = p.phoneInText || obscured;
  if (inText) {
    v[SLOT.phone] = obscured
      ? obscurePhone(number, rng.pick(p.techniques), rng)
      : formatPhone(
          number,
          rng.chance(0.85) ? p.textFormat : rng.pick(['grouped', 'compact'] as const),
        );
  }
  const email = p.emails[0];
  if (email !== undefined) v[SLOT.email] = p.privacy || obscured ? obscureEmail(email, rng) : email;

  // Sentences: the persona's own text, with the small edits people make when reposting.
  // A scratch list reused across adverts (nothing keeps it), to spare the collector.
  const sentences = ctx.sentences;
  sentences.length = 0;
  for (const t of voice.head) sentences.push(t);
  const moving = p.movementRate > 0 && rng.chance(p.movementRate);
  if (moving) sentences.push(rng.pick(p.touring ? POOLS.movement.neutral : POOLS.settled.neutral));
  const body = voice.body;
  const drop = body.length > 2 && rng.chance(0.15) ? rng.int(0, body.length - 1) : -1;
  for (let i = 0; i < body.length; i++) if (i !== drop) sentences.push(body[i] as Template);
  if (rng.chance(0.08)) sentences.push(rng.pick(POOLS.today.all));
  if (inText) {
    sentences.push(voice.contact);
    if (obscured && p.privacy && p.techniques[0] === 'digit-words') {
      sentences.push(rng.pick(PRIVACY_NOTES));
    }
  }
  if (p.emailInText && email !== undefined) sentences.push(rng.pick(POOLS.email.all));
  for (const t of voice.tail) sentences.push(t);

  const text = renderText(sentences, v, voice.style);
  const titleTemplate =
    p.touring && moving && rng.chance(0.5) ? rng.pick(POOLS.tourTitle.all) : voice.title;
  const title = renderTemplate(titleTemplate, v);
  let statesNationality = titleTemplate.statesNationality;
  for (const s of sentences) statesNationality ||= s.statesNationality;

  // Photos: a window of the persona's set, so reposts share most of their images.
  const total = photoCount(p.photos);
  const extra = p.extraImage !== null && rng.chance(0.8);
  const shown = Math.min(total, rng.int(1, extra ? 5 : 6));
  const first = rng.int(0, total - 1);
  const images: { pdq: string }[] = [];
  for (let i = 0; i < shown; i++) images.push({ pdq: photoHex(p.photos, (first + i) % total) });
  if (extra && p.extraImage !== null) images.push({ pdq: photoHex(p.extraImage, 0) });

  const phones: string[] = [];
  if (p.phoneField !== null) {
    phones.push(formatPhone(number, p.phoneField));
    if (p.extraPhone !== null)
      phones.push(formatPhone(currentNumber(ctx, p.extraPhone, at), p.phoneField));
  }

  // Properties are added in a fixed order so that serialised output is byte-identical.
  const advert: Advert = {
    id: `ad-${String(index + 1).padStart(7, '0')}`,
    site: ctx.options.site,
    accountId: account,
    postedAt: postedAt(ctx, at),
    title: title.charAt(0).toUpperCase() + title.slice(1),
    text,
  };
  if (rng.chance(0.97)) advert.name = name;
  if (rng.chance(0.95)) advert.age = age;
  advert.town = townName;
  advert.phones = phones;
  advert.emails = p.emails.slice();
  advert.images = images;
  advert.payerId = p.payerMissingRate > 0 && rng.chance(p.payerMissingRate) ? null : payer;
  advert.verified = { age: p.verifiedAge, identity: p.verifiedIdentity };
  const truth: TruthRow = {
    id: advert.id,
    site: ctx.options.site,
    controller: c.id,
    kind: c.kind,
    exploited: c.kind === 'exploitation-network',
    persona,
    statedNationality: statesNationality ? (p.nationality ?? null) : null,
    touring: p.touring,
    privacyObfuscation: p.privacy,
  };
  p.posted++;
  if (inText) v[SLOT.phone] = '';
  if (email !== undefined) v[SLOT.email] = '';
  return { advert, truth };
}

// ---------------------------------------------------------------------------------------------
// The simulation loop.

/** The slot time of advert k of n: evenly spread over the window, warped by the daily rhythm. */
function slotTime(ctx: Ctx, k: number, n: number): number {
  const position = ((k + ctx.rng.next()) / n) * ctx.options.days;
  const day = Math.floor(position);
  const frac = position - day;
  let h = 0;
  while (h < 23 && (HOUR_CDF[h + 1] as number) <= frac) h++;
  const lo = HOUR_CDF[h] as number;
  const hi = HOUR_CDF[h + 1] as number;
  const withinDay = (h + (frac - lo) / (hi - lo)) / 24;
  return Math.min(ctx.endMs, ctx.startMs + (day + withinDay) * DAY_MS);
}

function chooseKind(ctx: Ctx, remaining: number): ControllerKind {
  // Near the end a new network could not show two personas; an independent fits any gap.
  if (remaining < 3) return 'independent';
  const kinds = Object.keys(KIND_SHARES) as ControllerKind[];
  let total = 0;
  for (const k of kinds) total += ctx.committed[k];
  const deficits = kinds.map(
    (k) => [k, Math.max(0, KIND_SHARES[k] * total - ctx.committed[k])] as const,
  );
  if (deficits.every(([, d]) => d <= 0)) return 'independent';
  return ctx.rng.weighted(new WeightedTable(deficits));
}

function spawn(ctx: Ctx, kind: ControllerKind, at: number): Controller {
  switch (kind) {
    case 'independent':
      return spawnIndependent(ctx, at, false);
    case 'duo':
      return spawnIndependent(ctx, at, true);
    case 'agency':
      return spawnAgency(ctx, at);
    case 'exploitation-network':
      return spawnNetwork(ctx, at);
  }
}

function validate(options: DemoOptions): { startMs: number; endMs: number } {
  if (!Number.isInteger(options.adverts) || options.adverts < 0) {
    throw new RangeError(`adverts must be a whole number >= 0, got ${options.adverts}`);
  }
  if (!(options.days > 0) || !Number.isFinite(options.days)) {
    throw new RangeError(`days must be a positive number, got ${options.days}`);
  }
  if (!Number.isFinite(options.seed))
    throw new RangeError(`seed must be a number, got ${options.seed}`);
  const startMs = Date.parse(options.start);
  if (Number.isNaN(startMs))
    throw new RangeError(`start must be an ISO date-time, got ${options.start}`);
  if (options.site.length === 0 || options.site.length > 200) {
    throw new RangeError('site must be 1 to 200 characters');
  }
  return { startMs, endMs: startMs + days(options.days) };
}

/** Streams a deterministic synthetic corpus of adverts with their ground truth, in posting order. */
export function* generateCorpus(options: DemoOptions): Generator<DemoItem> {
  const { startMs, endMs } = validate(options);
  const rng = createRandom(options.seed);
  const ctx: Ctx = {
    rng,
    phones: new PhoneAllocator(rng),
    options,
    startMs,
    endMs,
    salt: rng.uint32(),
    stockImages: randomPhotos(rng, STOCK_IMAGE_COUNT),
    scrapedImages: randomPhotos(rng, SCRAPED_IMAGE_COUNT),
    counters: {
      independent: 0,
      duo: 0,
      agency: 0,
      'exploitation-network': 0,
      account: 0,
      payer: 0,
      email: 0,
    },
    committed: { independent: 0, duo: 0, agency: 0, 'exploitation-network': 0 },
    seq: 0,
    isoDay: NaN,
    isoDate: '',
    sentences: [],
  };
  const heap = new EntryHeap();
  const burst: Persona[] = [];
  const n = options.adverts;

  // A controller sits in the heap at its next planned join; joining swaps the estimate of that
  // persona's adverts for her own.
  const join = (c: Controller): Persona => {
    const joinAt = c.joins[c.nextJoin++] as number;
    ctx.committed[c.kind] -= c.estimatePerJoin;
    return c.makePersona(joinAt);
  };
  const schedule = (c: Controller): void => {
    c.due = c.joins[c.nextJoin] ?? Infinity;
    if (c.due !== Infinity) heap.push(c);
  };

  for (let k = 0; k < n; k++) {
    const at = slotTime(ctx, k, n);
    let poster: Persona | undefined = burst.shift();
    while (poster === undefined) {
      if (heap.peekDue() > at) {
        // Nobody is due: a new advertiser arrives. Its first two personas post back to back.
        const c = spawn(ctx, chooseKind(ctx, n - k), at);
        poster = join(c);
        if ((c.joins[1] ?? Infinity) <= at) burst.push(join(c));
        schedule(c);
        continue;
      }
      const top = heap.pop() as Entry;
      if (top.type === 'controller') {
        heap.push(join(top));
        schedule(top);
        continue;
      }
      if (at > top.end) {
        ctx.committed[top.controller.kind] += top.posted - top.expected;
        continue;
      }
      poster = top;
    }
    const item = emit(ctx, poster, at, k);
    poster.due = at + poster.interval * rng.between(0.6, 1.4);
    heap.push(poster);
    yield item;
  }
}
