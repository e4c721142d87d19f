/**
 * The advertisers of the demo corpus: independents, duos, agencies and exploitation networks,
 * each drawn with its own traits, and the personas they post as. A persona keeps what she says,
 * her photos and her contacts for her working life, so her reposts look like reposts.
 */
import type { ObfuscationTechnique } from '../extract/types.ts';
import {
  compilePool,
  compileTemplate,
  drawWritingStyle,
  emptySlotValues,
  poolFor,
  SLOT,
  withSuffix,
  type Pool,
  type SlotValues,
  type Template,
  type WritingStyle,
} from './compose-text.ts';
import {
  AGENCY_RATES,
  AGENCY_SIZES,
  AGES,
  INDEPENDENT_RATES,
  NETWORK_PROPENSITY,
  NETWORK_SIZES,
  NETWORK_TRAITS,
} from './corpus-config.ts';
import type { PhoneAllocator, PhoneFormat } from './phones.ts';
import * as P from './phrases.ts';
import { hex8, mix32, WeightedTable, type Random } from './random.ts';
import type { ControllerKind, DemoOptions } from './types.ts';

export const DAY_MS = 86_400_000;
export const STOCK_IMAGE_COUNT = 60;
export const SCRAPED_IMAGE_COUNT = 80;

// ---------------------------------------------------------------------------------------------
// Compiled data (once per process).

export const POOLS = {
  greeting: compilePool(P.GREETINGS),
  intro: compilePool(P.INTROS),
  about: compilePool(P.ABOUT),
  services: compilePool(P.SERVICES),
  location: compilePool(P.LOCATIONS),
  prices: compilePool(P.PRICES),
  availability: compilePool(P.AVAILABILITY),
  rules: compilePool(P.RULES),
  screening: compilePool(P.SCREENING),
  movement: compilePool(P.MOVEMENT),
  settled: compilePool(P.SETTLED_MOVEMENT),
  nationality: compilePool(P.NATIONALITY_STATEMENTS),
  british: compilePool(P.BRITISH_STATEMENTS),
  trust: compilePool(P.TRUST),
  youth: compilePool(P.YOUTH),
  justEighteen: compilePool(P.JUST_EIGHTEEN),
  always: compilePool(P.ALWAYS_AVAILABLE),
  thirdParty: compilePool(P.THIRD_PARTY),
  ethnic: compilePool(P.ETHNIC_MARKETING),
  secondLanguage: compilePool(P.SECOND_LANGUAGE),
  duo: compilePool(P.DUO_LINES),
  agencyHeader: compilePool(P.AGENCY_HEADERS),
  agencyWorker: compilePool(P.AGENCY_WORKER),
  agencyFooter: compilePool(P.AGENCY_FOOTERS),
  contact: compilePool(P.CONTACT_LINES),
  agencyContact: compilePool(P.AGENCY_CONTACT_LINES),
  email: compilePool(P.EMAIL_LINES),
  today: compilePool(P.TODAY_LINES),
  signOff: compilePool(P.SIGN_OFFS),
  title: compilePool(P.TITLES),
  tourTitle: compilePool(P.TOUR_TITLES),
  duoTitle: compilePool(P.DUO_TITLES),
  agencyTitle: compilePool(P.AGENCY_TITLES),
  networkTitle: compilePool(P.NETWORK_TITLES),
} satisfies Record<string, Pool>;

export const PRIVACY_NOTES = P.PRIVACY_NOTES.map(compileTemplate);

// Agencies write about their ladies, not as them: house text leaves out first-person fragments.
const FIRST_PERSON = /\b(I|I'm|I've|me|my)\b/;
function impersonal(sources: readonly string[]): Pool {
  return compilePool(sources.filter((s) => !FIRST_PERSON.test(s)));
}
const HOUSE = {
  rules: impersonal(P.RULES),
  trust: impersonal(P.TRUST),
  prices: impersonal(P.PRICES),
  location: impersonal(P.LOCATIONS),
  always: impersonal(P.ALWAYS_AVAILABLE),
  services: impersonal(P.SERVICES),
  contact: impersonal(P.CONTACT_LINES),
};

export interface Town {
  readonly name: string;
  readonly region: P.TownRegion;
  readonly written: readonly string[];
  readonly index: number;
}

export const TOWNS: readonly Town[] = P.TOWNS.map(([name, , region, short], index) => ({
  name,
  region,
  written: short === undefined ? [name] : [name, short],
  index,
}));
const TOWN_TABLE = new WeightedTable(P.TOWNS.map(([, weight], i) => [i, weight] as const));
const TOWNS_BY_REGION = new Map<P.TownRegion, number[]>();
for (const town of TOWNS) {
  const list = TOWNS_BY_REGION.get(town.region) ?? [];
  list.push(town.index);
  TOWNS_BY_REGION.set(town.region, list);
}
const BIG_CITIES = TOWNS.filter((_, i) => (P.TOWNS[i]?.[1] ?? 0) >= 2).map((t) => t.index);

const INDEPENDENT_NATIONALITY = new WeightedTable(
  P.NATIONALITIES.map(([adjective, country, weight]) => [{ adjective, country }, weight] as const),
);
const MARKETED_NATIONALITY = new WeightedTable(
  P.NATIONALITIES.map(
    ([adjective, country, , weight]) => [{ adjective, country }, weight] as const,
  ),
);

function rangeTable(rows: readonly (readonly [number, number, number])[]) {
  return new WeightedTable(rows.map(([min, max, w]) => [[min, max] as const, w] as const));
}

const AGE_TABLES = {
  independent: rangeTable(AGES.independent),
  agency: rangeTable(AGES.agency),
  network: rangeTable(AGES.network),
};
const NETWORK_SIZE_TABLE = rangeTable(NETWORK_SIZES);
const AGENCY_SIZE_TABLE = rangeTable(AGENCY_SIZES);

const NOUNS = {
  f: ['girl', 'lady', 'woman', 'girl'],
  m: ['guy', 'man', 'gent'],
  t: ['trans girl', 'TS girl', 'trans woman'],
} as const;

const FIELD_FORMATS: readonly PhoneFormat[] = [
  'grouped',
  'grouped',
  'compact',
  'compact',
  'international-compact',
  'international',
];

/** How numbers are written in text: more variety than in the site's phone field. */
const MOBILE_TEXT_FORMATS: readonly PhoneFormat[] = [
  'grouped',
  'grouped',
  'compact',
  'compact',
  'international',
  'dashes',
  'three-groups',
  'brackets',
  'double-zero',
  'dots',
];
const LANDLINE_TEXT_FORMATS: readonly PhoneFormat[] = [
  'grouped',
  'grouped',
  'compact',
  'international',
  'brackets',
  'dashes',
];

const PRIVACY_TECHNIQUES = new WeightedTable<ObfuscationTechnique>([
  ['digit-words', 55],
  ['spacing', 20],
  ['emoji-keycaps', 10],
  ['separators', 15],
]);

const NETWORK_TECHNIQUES = new WeightedTable<ObfuscationTechnique>([
  ['digit-words', 30],
  ['spacing', 15],
  ['emoji-keycaps', 15],
  ['separators', 10],
  ['letter-for-digit', 12],
  ['zero-width', 8],
  ['unicode-digits', 10],
]);

// ---------------------------------------------------------------------------------------------
// Simulation state.

export interface Ctx {
  readonly rng: Random;
  readonly phones: PhoneAllocator;
  readonly options: DemoOptions;
  readonly startMs: number;
  readonly endMs: number;
  readonly salt: number;
  readonly stockImages: Uint32Array;
  readonly scrapedImages: Uint32Array;
  readonly counters: Record<ControllerKind | 'account' | 'payer' | 'email', number>;
  /** Expected adverts per kind: emitted plus still expected from active and planned personas. */
  readonly committed: Record<ControllerKind, number>;
  seq: number;
  isoDay: number;
  isoDate: string;
  /** Scratch list of an advert's sentences, reused. */
  readonly sentences: Template[];
}

/** A phone number that a network may switch for a new one every few days. */
export interface PhoneSlot {
  number: string;
  changeAt: number;
  readonly rotateEvery: number;
}

/** What a persona says and how: fixed when she starts, so reposts look like reposts. */
export interface Voice {
  readonly title: Template;
  readonly head: readonly Template[];
  readonly body: readonly Template[];
  readonly tail: readonly Template[];
  readonly contact: Template;
  readonly style: WritingStyle;
}

export interface Persona {
  readonly type: 'persona';
  due: number;
  seq: number;
  readonly controller: Controller;
  readonly id: string;
  readonly end: number;
  readonly interval: number;
  readonly expected: number;
  posted: number;

  readonly name: string;
  readonly age: number;
  /** Stated nationality (adjective) when the persona states one in text, else null. */
  readonly nationality: string | null;
  readonly values: SlotValues;
  readonly voice: Voice;
  /** Second voice for a duo's joint adverts. */
  readonly joint: {
    readonly partner: string;
    readonly partnerAge: number;
    /** The partner's own account and payer, when she posts her solo adverts herself. */
    readonly account: string | null;
    readonly payer: string | null;
    readonly voice: Voice;
  } | null;

  readonly touring: boolean;
  readonly movementRate: number;
  readonly circuit: readonly number[];
  circuitPos: number;
  nextMove: number;
  readonly stay: number;
  readonly townWritten: number;

  readonly phone: PhoneSlot;
  readonly extraPhone: PhoneSlot | null;
  readonly phoneField: PhoneFormat | null;
  readonly phoneInText: boolean;
  readonly textFormat: PhoneFormat;
  readonly obscureRate: number;
  readonly techniques: readonly ObfuscationTechnique[];
  readonly privacy: boolean;

  readonly account: string;
  readonly payer: string | null;
  readonly payerMissingRate: number;
  readonly emails: readonly string[];
  readonly emailInText: boolean;
  readonly verifiedAge: boolean;
  readonly verifiedIdentity: boolean;
  readonly ageDrift: boolean;

  /** 8 uint32 words per photo. */
  readonly photos: Uint32Array;
  readonly extraImage: Uint32Array | null;
}

export interface Controller {
  readonly type: 'controller';
  due: number;
  seq: number;
  readonly id: string;
  readonly kind: ControllerKind;
  /** Planned join times of personas not yet started, ascending. */
  readonly joins: readonly number[];
  nextJoin: number;
  personas: number;
  readonly makePersona: (joinAt: number) => Persona;
  /** Estimated adverts committed for each planned join, to be replaced by the real estimate. */
  readonly estimatePerJoin: number;
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

/** Days as milliseconds. */
export function days(n: number): number {
  return n * DAY_MS;
}

function round10(n: number): number {
  return Math.max(10, Math.round(n / 10) * 10);
}

/** A whole number from a weighted table of [min, max] ranges. */
function drawRange(rng: Random, table: WeightedTable<readonly [number, number]>): number {
  const [min, max] = rng.weighted(table);
  return rng.int(min, max);
}

function pickTemplate(rng: Random, pool: Pool, statesNationality: boolean, female: boolean) {
  return rng.pick(poolFor(pool, statesNationality, female));
}

function pickTemplates(
  rng: Random,
  pool: Pool,
  k: number,
  statesNationality: boolean,
  female: boolean,
): Template[] {
  return rng.sample(poolFor(pool, statesNationality, female), k);
}

/** `count` random 256-bit photo hashes, 8 uint32 words each. */
export function randomPhotos(rng: Random, count: number): Uint32Array {
  const out = new Uint32Array(count * 8);
  for (let i = 0; i < out.length; i++) out[i] = rng.uint32();
  return out;
}

/** Copies photo `from` of `source` into photo `to` of `target`, flipping `flips` random bits. */
function copyPhoto(
  rng: Random,
  source: Uint32Array,
  from: number,
  target: Uint32Array,
  to: number,
  flips: number,
): void {
  for (let w = 0; w < 8; w++) target[to * 8 + w] = source[from * 8 + w] as number;
  for (let f = 0; f < flips; f++) {
    const bit = rng.int(0, 255);
    const idx = to * 8 + (bit >> 5);
    target[idx] = ((target[idx] as number) ^ (1 << (bit & 31))) >>> 0;
  }
}

const HEX_DIGIT = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const HEX_CODES = new Uint16Array(64);

/** Photo `index` as the 64 hex digits of a PDQ hash. */
export function photoHex(photos: Uint32Array, index: number): string {
  // One flat string from char codes: concatenating 32 pieces would allocate 31 cons strings.
  for (let w = 0; w < 8; w++) {
    const word = photos[index * 8 + w] as number;
    for (let d = 0; d < 8; d++)
      HEX_CODES[w * 8 + d] = HEX_DIGIT[(word >>> (28 - 4 * d)) & 15] as number;
  }
  return String.fromCharCode.apply(null, HEX_CODES as unknown as number[]);
}

function indexList(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function photoAt(photos: Uint32Array, index: number): Uint32Array {
  return photos.subarray(index * 8, index * 8 + 8);
}

/** Number of photos in a packed hash array. */
export function photoCount(photos: Uint32Array): number {
  return photos.length >> 3;
}

function accountId(ctx: Ctx): string {
  return 'acct_' + hex8(mix32(ctx.counters.account++ ^ ctx.salt));
}

function payerId(ctx: Ctx): string {
  return 'pay_' + hex8(mix32(ctx.counters.payer++ ^ (ctx.salt + 0x51ed27)));
}

/** A unique fictional address: the token is a bijection of a counter, so no two collide. */
function emailAddress(ctx: Ctx, name: string, town: string): string {
  const token = mix32(ctx.counters.email++ ^ (ctx.salt + 0x2c1b3c6d)).toString(36);
  const rng = ctx.rng;
  const first = name.toLowerCase().replace(/[^a-z]/g, '') || 'hello';
  const place = town.toLowerCase().replace(/[^a-z]/g, '');
  const local = rng.pick([
    `${first}.${token}`,
    `${first}${token}`,
    `${token}.${first}`,
    `${first}.${place}.${token}`,
    `${first}_${token}`,
  ]);
  return `${local}@${rng.pick(P.EMAIL_DOMAINS)}`;
}

function pickTown(rng: Random): number {
  return rng.weighted(TOWN_TABLE);
}

/** A touring circuit: mostly neighbouring towns, sometimes a run of big cities. */
function drawCircuit(rng: Random, home: number, length: number): number[] {
  const homeTown = TOWNS[home] as Town;
  const regional = TOWNS_BY_REGION.get(homeTown.region) ?? [home];
  const pool =
    rng.chance(0.65) && regional.length >= 3
      ? regional
      : rng.chance(0.5)
        ? BIG_CITIES
        : [...regional, ...BIG_CITIES];
  const others = rng.sample(
    pool.filter((t) => t !== home),
    length - 1,
  );
  return [home, ...others];
}

function priceFor(rng: Random, town: number, factor: number): [number, number] {
  const name = TOWNS[town]?.name ?? '';
  const weight = P.TOWNS[town]?.[1] ?? 0;
  const p60 = round10(
    factor *
      (P.EXPENSIVE_TOWNS.has(name)
        ? rng.between(160, 300)
        : weight >= 2
          ? rng.between(110, 200)
          : rng.between(90, 170)),
  );
  return [round10(p60 * rng.between(0.55, 0.75)), p60];
}

function nounFor(rng: Random, gender: 'f' | 'm' | 't'): string {
  return rng.pick(NOUNS[gender]);
}

/** Expected adverts of a persona that posts every `interval` ms from `joinAt` until `end`. */
function expectedAdverts(ctx: Ctx, joinAt: number, end: number, interval: number): number {
  return 1 + Math.max(0, Math.min(end, ctx.endMs) - joinAt) / interval;
}

// ---------------------------------------------------------------------------------------------
// Voices.

interface VoiceFlags {
  readonly female: boolean;
  readonly nationality: { readonly adjective: string } | null;
  readonly secondLanguage: boolean;
  readonly terse: boolean;
  readonly long: boolean;
  readonly screening: boolean;
  readonly trust: boolean;
  readonly youth: boolean;
  readonly justEighteen: boolean;
  readonly always: boolean;
  readonly thirdParty: boolean;
  readonly ethnic: boolean;
  readonly settledMovement: boolean;
  readonly titles: Pool;
}

/** A first-person voice, built from interchangeable fragments in a personal order. */
function drawVoice(rng: Random, f: VoiceFlags): Voice {
  const nat = f.nationality !== null;
  const fem = f.female;
  const head: Template[] = [];
  const body: Template[] = [];
  const tail: Template[] = [];

  if (!f.terse && rng.chance(0.55)) {
    head.push(withSuffix(pickTemplate(rng, POOLS.greeting, nat, fem), rng.pick(P.GREETING_MARKS)));
  }
  head.push(
    f.secondLanguage && rng.chance(0.6)
      ? pickTemplate(rng, POOLS.secondLanguage, nat, fem)
      : pickTemplate(rng, POOLS.intro, nat, fem),
  );

  if (nat) {
    // "Exotic British beauty" is not how anyone writes: British people say "English rose".
    const ethnic = f.ethnic && f.nationality?.adjective !== 'British';
    if (ethnic) body.push(pickTemplate(rng, POOLS.ethnic, true, fem));
    if (!ethnic || rng.chance(0.3)) {
      const british = f.nationality?.adjective === 'British';
      body.push(pickTemplate(rng, british ? POOLS.british : POOLS.nationality, true, fem));
    }
  }
  if (f.settledMovement) body.push(pickTemplate(rng, POOLS.settled, nat, fem));
  if (f.secondLanguage) {
    const lines = pickTemplates(rng, POOLS.secondLanguage, rng.int(1, 3), nat, fem);
    body.push(...lines.filter((t) => !head.includes(t)));
  }
  const aboutCount = f.terse ? 0 : f.long ? rng.int(2, 4) : rng.int(0, 2);
  body.push(...pickTemplates(rng, POOLS.about, aboutCount, nat, fem));
  body.push(
    ...pickTemplates(rng, POOLS.services, f.terse ? rng.int(0, 1) : rng.int(1, 2), nat, fem),
  );
  if (rng.chance(f.terse ? 0.5 : 0.85)) body.push(pickTemplate(rng, POOLS.location, nat, fem));
  if (rng.chance(0.8)) body.push(pickTemplate(rng, POOLS.prices, nat, fem));
  if (!f.terse && rng.chance(0.7)) body.push(pickTemplate(rng, POOLS.availability, nat, fem));
  if (f.screening) body.push(pickTemplate(rng, POOLS.screening, nat, fem));
  if (f.trust) body.push(pickTemplate(rng, POOLS.trust, nat, fem));
  if (f.youth) {
    body.push(
      f.justEighteen
        ? pickTemplate(rng, POOLS.justEighteen, nat, fem)
        : pickTemplate(rng, POOLS.youth, nat, fem),
    );
  }
  if (f.always) body.push(pickTemplate(rng, POOLS.always, nat, fem));
  if (f.thirdParty) body.push(pickTemplate(rng, POOLS.thirdParty, nat, fem));
  const ruleCount = f.terse ? rng.int(0, 2) : f.long ? rng.int(2, 5) : rng.int(1, 3);
  body.push(...pickTemplates(rng, POOLS.rules, ruleCount, nat, fem));
  // Some people write in a fixed order (about, services, prices, rules), others anywhere.
  if (rng.chance(0.5)) rng.shuffle(body);
  if (rng.chance(f.terse ? 0.3 : 0.7)) tail.push(pickTemplate(rng, POOLS.signOff, nat, fem));

  const style = drawWritingStyle(rng, P.EMOJI);
  return {
    title: pickTemplate(rng, f.titles, nat, fem),
    head,
    body,
    tail,
    contact: pickTemplate(rng, POOLS.contact, nat, fem),
    style: f.terse ? { ...style, paragraphEvery: 0 } : style,
  };
}

// ---------------------------------------------------------------------------------------------
// Advertisers.

/** What a persona is built from: its contact, account and photo fields are exactly the persona's. */
interface PersonaInit extends Pick<
  Persona,
  | 'phone'
  | 'extraPhone'
  | 'phoneField'
  | 'phoneInText'
  | 'obscureRate'
  | 'techniques'
  | 'privacy'
  | 'account'
  | 'payer'
  | 'payerMissingRate'
  | 'emails'
  | 'emailInText'
  | 'verifiedAge'
  | 'verifiedIdentity'
  | 'ageDrift'
  | 'photos'
  | 'extraImage'
> {
  readonly controller: Controller;
  readonly id: string;
  readonly joinAt: number;
  readonly end: number;
  readonly interval: number;
  readonly name: string;
  readonly age: number;
  readonly nationality: { readonly adjective: string; readonly country: string } | null;
  readonly noun: string;
  readonly home: number;
  readonly circuit: readonly number[] | null;
  readonly stay: number;
  readonly touring: boolean;
  readonly movementRate: number;
  readonly prices: readonly [number, number];
  readonly voice: Voice;
  readonly joint?: Persona['joint'];
  readonly agency?: string;
}

function makePersona(ctx: Ctx, init: PersonaInit): Persona {
  const rng = ctx.rng;
  const values = emptySlotValues();
  const [adj, adj2] = rng.sample(P.ADJECTIVES, 2);
  values[SLOT.name] = init.name;
  values[SLOT.age] = String(init.age);
  values[SLOT.nat] = init.nationality?.adjective ?? '';
  values[SLOT.country] = init.nationality?.country ?? '';
  values[SLOT.noun] = init.noun;
  values[SLOT.adj] = adj ?? 'friendly';
  values[SLOT.adj2] = adj2 ?? 'relaxed';
  values[SLOT.hair] = rng.pick(P.HAIR);
  values[SLOT.p30] = String(init.prices[0]);
  values[SLOT.p60] = String(init.prices[1]);
  values[SLOT.hours] = rng.pick(P.HOURS);
  values[SLOT.years] = String(rng.int(2, 12));
  values[SLOT.agency] = init.agency ?? '';
  if (init.joint) values[SLOT.name2] = init.joint.partner;
  const circuit = init.circuit ?? [init.home];
  const persona: Persona = {
    type: 'persona',
    due: init.joinAt,
    seq: ctx.seq++,
    controller: init.controller,
    id: init.id,
    end: init.end,
    interval: init.interval,
    expected: expectedAdverts(ctx, init.joinAt, init.end, init.interval),
    posted: 0,
    name: init.name,
    age: init.age,
    nationality: init.nationality?.adjective ?? null,
    values,
    voice: init.voice,
    joint: init.joint ?? null,
    touring: init.touring,
    movementRate: init.movementRate,
    circuit,
    circuitPos: 0,
    nextMove: init.joinAt + init.stay * rng.between(0.3, 1),
    stay: init.stay,
    townWritten: rng.chance(0.3) ? 1 : 0,
    phone: init.phone,
    extraPhone: init.extraPhone,
    phoneField: init.phoneField,
    phoneInText: init.phoneInText,
    textFormat: rng.pick(
      init.phone.number.startsWith('07') ? MOBILE_TEXT_FORMATS : LANDLINE_TEXT_FORMATS,
    ),
    obscureRate: init.obscureRate,
    techniques: init.techniques,
    privacy: init.privacy,
    account: init.account,
    payer: init.payer,
    payerMissingRate: init.payerMissingRate,
    emails: init.emails,
    emailInText: init.emailInText,
    verifiedAge: init.verifiedAge,
    verifiedIdentity: init.verifiedIdentity,
    ageDrift: init.ageDrift,
    photos: init.photos,
    extraImage: init.extraImage,
  };
  ctx.committed[init.controller.kind] += persona.expected;
  return persona;
}

function ownPhone(ctx: Ctx, changeAt = Infinity): PhoneSlot {
  return { number: ctx.phones.mobile(), changeAt, rotateEvery: Infinity };
}

function newController(
  ctx: Ctx,
  kind: ControllerKind,
  joins: readonly number[],
  estimatePerJoin: number,
  make: (c: Controller, joinAt: number) => Persona,
): Controller {
  const prefix = { independent: 'ind', duo: 'duo', agency: 'agy', 'exploitation-network': 'net' }[
    kind
  ];
  const id = `${prefix}-${String(++ctx.counters[kind]).padStart(6, '0')}`;
  const controller: Controller = {
    type: 'controller',
    due: joins[0] ?? Infinity,
    seq: ctx.seq++,
    id,
    kind,
    joins,
    nextJoin: 0,
    personas: 0,
    makePersona: (joinAt) => make(controller, joinAt),
    estimatePerJoin,
  };
  ctx.committed[kind] += estimatePerJoin * joins.length;
  return controller;
}

function lifetime(ctx: Ctx, joinAt: number, fullWindowShare: number, min: number, max: number) {
  return ctx.rng.chance(fullWindowShare) ? ctx.endMs + 1 : joinAt + days(ctx.rng.between(min, max));
}

/** An independent worker (or a duo of two friends sharing a number). */
export function spawnIndependent(ctx: Ctx, at: number, duo: boolean): Controller {
  const rng = ctx.rng;
  const R = INDEPENDENT_RATES;
  // She joins at once, so no estimate of her adverts is needed before her own.
  return newController(ctx, duo ? 'duo' : 'independent', [at], 0, (c, joinAt) => {
    const g = duo ? 'f' : rng.chance(R.male) ? 'm' : rng.chance(R.trans / (1 - R.male)) ? 't' : 'f';
    const female = g !== 'm';
    const name = rng.pick(g === 'm' ? P.NAMES_M : P.NAMES_F);
    const age = drawRange(rng, AGE_TABLES.independent);
    const nationality = rng.chance(R.statesNationality)
      ? rng.weighted(INDEPENDENT_NATIONALITY)
      : null;
    const migrant = nationality !== null && nationality.adjective !== 'British';
    const home = pickTown(rng);
    const touring = rng.chance(R.touring);
    const privacy = rng.chance(R.privacyObfuscation);
    const youth = rng.chance(age <= 25 ? R.youth * 1.6 : R.youth * 0.5);
    const flags: VoiceFlags = {
      female,
      nationality,
      secondLanguage: migrant && rng.chance(R.secondLanguageIfMigrant),
      terse: rng.chance(0.15),
      long: rng.chance(0.25),
      screening: rng.chance(R.screening),
      trust: rng.chance(R.trust),
      youth,
      justEighteen: youth && age === 18 && rng.chance(0.4),
      always: rng.chance(R.alwaysAvailable),
      thirdParty: false,
      ethnic: nationality !== null && rng.chance(R.ethnicMarketing / R.statesNationality),
      settledMovement: !touring && rng.chance(R.movementSettled),
      titles: POOLS.title,
    };
    const voice = drawVoice(rng, flags);
    const joint = duo ? drawDuo(ctx, name, flags) : null;
    const dailyBumper = rng.chance(R.dailyBumper);
    const interval = days(dailyBumper ? rng.between(0.5, 1.2) : rng.between(1.5, 4.5));
    const end = lifetime(ctx, joinAt, R.fullWindow, 3, 25);
    const changeAt = rng.chance(R.changesNumber)
      ? joinAt + (Math.min(end, ctx.endMs) - joinAt) * rng.next()
      : Infinity;
    const town = TOWNS[home] as Town;
    const account = accountId(ctx);
    const payer = payerId(ctx);
    const photoTotal = rng.int(2, 10);
    const phoneField = rng.chance(privacy ? 0.5 : R.phoneField) ? rng.pick(FIELD_FORMATS) : null;
    return makePersona(ctx, {
      controller: c,
      id: `${c.id}/p1`,
      joinAt,
      end,
      interval,
      name,
      age,
      nationality,
      noun: nounFor(rng, g),
      home,
      circuit: touring ? drawCircuit(rng, home, rng.int(3, 6)) : null,
      stay: days(rng.between(2, 7)),
      touring,
      movementRate: touring ? R.movementWhenTouring : 0,
      prices: priceFor(rng, home, 1),
      voice,
      joint,
      phone: ownPhone(ctx, changeAt),
      // A second number only ever appears in the phone field, so only those who fill it have one.
      extraPhone: phoneField !== null && rng.chance(R.secondPhone) ? ownPhone(ctx) : null,
      phoneField,
      phoneInText: privacy || rng.chance(R.phoneInText),
      obscureRate: privacy ? 1 : 0,
      techniques: privacy ? [rng.weighted(PRIVACY_TECHNIQUES)] : [],
      privacy,
      account,
      payer,
      payerMissingRate: rng.chance(R.payerMissing) ? 1 : 0,
      emails: rng.chance(R.emailField) ? [emailAddress(ctx, name, town.name)] : [],
      emailInText: rng.chance(R.emailInText),
      ageDrift: false,
      photos: randomPhotos(rng, photoTotal),
      extraImage: rng.chance(R.stockImage)
        ? photoAt(ctx.stockImages, rng.int(0, STOCK_IMAGE_COUNT - 1))
        : null,
      ...verification(rng, R.ageVerified, R.identityVerifiedIfAge),
    });
  });
}

/** The second friend of a duo and the plural voice of their joint adverts. */
function drawDuo(ctx: Ctx, name: string, flags: VoiceFlags): NonNullable<Persona['joint']> {
  const rng = ctx.rng;
  let partner = rng.pick(P.NAMES_F);
  while (partner === name) partner = rng.pick(P.NAMES_F);
  const body = [
    ...pickTemplates(rng, POOLS.duo, rng.int(2, 3), false, true),
    ...pickTemplates(rng, HOUSE.services, rng.int(0, 2), false, true),
    ...pickTemplates(rng, HOUSE.rules, rng.int(1, 3), false, true),
  ];
  if (rng.chance(0.8)) body.push(pickTemplate(rng, HOUSE.location, false, true));
  if (rng.chance(0.8)) body.push(pickTemplate(rng, HOUSE.prices, false, true));
  if (flags.trust) body.push(pickTemplate(rng, HOUSE.trust, false, true));
  const head = rng.chance(0.6)
    ? [withSuffix(pickTemplate(rng, POOLS.greeting, false, true), rng.pick(P.GREETING_MARKS))]
    : [];
  const ownAccounts = rng.chance(0.3);
  return {
    partner,
    partnerAge: drawRange(rng, AGE_TABLES.independent),
    // Some friends each keep their own account and payer and only share the work phone.
    account: ownAccounts ? accountId(ctx) : null,
    payer: ownAccounts ? payerId(ctx) : null,
    voice: {
      title: rng.pick(POOLS.duoTitle.all),
      head,
      body: rng.shuffle(body),
      tail: rng.chance(0.7) ? [pickTemplate(rng, POOLS.signOff, false, true)] : [],
      contact: pickTemplate(rng, HOUSE.contact, false, true),
      style: drawWritingStyle(rng, P.EMOJI),
    },
  };
}

function verification(rng: Random, age: number, identityIfAge: number) {
  const verifiedAge = rng.chance(age);
  return { verifiedAge, verifiedIdentity: verifiedAge && rng.chance(identityIfAge) };
}

/** Join times: `initial` personas now (the first two at once), the rest over the controller's life. */
function planJoins(ctx: Ctx, at: number, roster: number, initial: number, life: number): number[] {
  const rng = ctx.rng;
  const joins: number[] = [];
  for (let i = 0; i < roster; i++) {
    if (i < 2) joins.push(at);
    else if (i < initial) joins.push(at + days(rng.between(0, 3)));
    else joins.push(at + rng.next() * life);
  }
  return joins.sort((a, b) => a - b);
}

/** A parlour or escort agency: a house style, one or two shared numbers, one account. */
export function spawnAgency(ctx: Ctx, at: number): Controller {
  const rng = ctx.rng;
  const R = AGENCY_RATES;
  const home = rng.chance(0.7) ? rng.pick(BIG_CITIES) : pickTown(rng);
  const parlour = rng.chance(R.parlour);
  // A parlour is one place; an escort agency also sends its ladies to nearby towns.
  const nearby = (TOWNS_BY_REGION.get((TOWNS[home] as Town).region) ?? []).filter(
    (t) => t !== home,
  );
  const towns = parlour ? [home] : [home, ...rng.sample(nearby, rng.int(0, 2))];
  const agency =
    (rng.chance(0.4) ? 'The ' : '') +
    `${rng.pick(P.AGENCY_NAME_FIRST)} ${rng.pick(P.AGENCY_NAME_SECOND)}`;
  const townName = (TOWNS[home] as Town).name;
  const mainPhone: PhoneSlot = {
    number: rng.chance(R.landlineIfAvailable)
      ? ctx.phones.landlineOrMobile(townName)
      : ctx.phones.mobile(),
    changeAt: Infinity,
    rotateEvery: Infinity,
  };
  const secondPhone = rng.chance(R.secondPhone) ? ownPhone(ctx) : null;
  const accounts = [accountId(ctx)];
  if (rng.chance(R.secondAccount)) accounts.push(accountId(ctx));
  const payer = payerId(ctx);
  const houseStyle = drawWritingStyle(rng, P.EMOJI);
  const header = pickTemplate(rng, POOLS.agencyHeader, false, true);
  const footers = pickTemplates(rng, POOLS.agencyFooter, rng.int(2, 4), false, true);
  const house: Template[] = [];
  if (rng.chance(0.8)) house.push(pickTemplate(rng, HOUSE.prices, false, true));
  if (rng.chance(0.5)) house.push(pickTemplate(rng, HOUSE.location, false, true));
  house.push(...pickTemplates(rng, HOUSE.rules, rng.int(0, 2), false, true));
  if (rng.chance(R.trust)) house.push(pickTemplate(rng, HOUSE.trust, false, true));
  if (rng.chance(R.alwaysAvailable)) house.push(pickTemplate(rng, HOUSE.always, false, true));
  const newGirls = rng.chance(R.newGirls);
  const youthRate = rng.chance(0.3) ? R.youth * 2 : R.youth * 0.5;
  const title = rng.pick(POOLS.agencyTitle.all);
  const contact = rng.pick(POOLS.agencyContact.all);
  const email = rng.chance(0.5) ? [emailAddress(ctx, agency, townName)] : [];
  const logo = rng.chance(R.logo) ? randomPhotos(rng, 1) : null;
  const obscures = rng.chance(R.obscures);
  const prices = priceFor(rng, home, rng.between(0.85, 1.1));
  const roster = drawRange(rng, AGENCY_SIZE_TABLE);
  const life = days(ctx.options.days) * rng.between(0.6, 1.2);
  const joins = planJoins(ctx, at, roster, Math.ceil(roster / 2) + 1, life);
  return newController(ctx, 'agency', joins, 10, (c, joinAt) => {
    const n = ++c.personas;
    const age = drawRange(rng, AGE_TABLES.agency);
    const nationality = rng.chance(R.workerStatesNationality)
      ? rng.weighted(INDEPENDENT_NATIONALITY)
      : null;
    const nat = nationality !== null;
    const worker = pickTemplates(rng, POOLS.agencyWorker, rng.int(1, 2), nat, true);
    if (nat && !worker.some((t) => t.statesNationality)) {
      worker.push(
        rng.pick(
          (rng.chance(R.ethnicMarketing) && nationality.adjective !== 'British'
            ? POOLS.ethnic
            : POOLS.agencyWorker
          ).stating,
        ),
      );
    }
    const extra: Template[] = [];
    if (newGirls) extra.push(pickTemplate(rng, POOLS.thirdParty, nat, true));
    if (rng.chance(youthRate)) extra.push(pickTemplate(rng, POOLS.youth, nat, true));
    if (rng.chance(0.4)) extra.push(pickTemplate(rng, HOUSE.services, nat, true));
    const voice: Voice = {
      title,
      head: [header],
      body: [...worker, ...extra, ...house],
      tail: footers,
      contact,
      style: houseStyle,
    };
    const name = rng.pick(P.NAMES_F);
    const workerTown = rng.pick(towns);
    return makePersona(ctx, {
      controller: c,
      id: `${c.id}/p${n}`,
      joinAt,
      end: joinAt + days(rng.between(5, 30)),
      interval: days(rng.between(0.7, 3)),
      name,
      age,
      nationality,
      noun: rng.pick(['lady', 'girl', 'woman']),
      home: workerTown,
      circuit: null,
      stay: Infinity,
      touring: false,
      movementRate: 0.03,
      prices,
      voice,
      agency,
      phone: mainPhone,
      extraPhone: secondPhone,
      phoneField: rng.pick(FIELD_FORMATS),
      phoneInText: rng.chance(R.phoneInText),
      obscureRate: obscures ? 0.5 : 0,
      techniques: obscures ? [rng.weighted(PRIVACY_TECHNIQUES)] : [],
      privacy: false,
      account: rng.pick(accounts),
      payer,
      payerMissingRate: R.payerMissing,
      emails: email,
      emailInText: false,
      ageDrift: false,
      photos: randomPhotos(rng, rng.int(2, 8)),
      extraImage: logo,
      ...verification(rng, R.ageVerified, R.identityVerifiedIfAge),
    });
  });
}

/** An exploitation network: its techniques are drawn at random, so no two look alike. */
export function spawnNetwork(ctx: Ctx, at: number): Controller {
  const rng = ctx.rng;
  const T = NETWORK_TRAITS;
  const roster = drawRange(rng, NETWORK_SIZE_TABLE);
  const home = rng.chance(0.6) ? rng.pick(BIG_CITIES) : pickTown(rng);
  const circuits = rng.chance(T.circuits);
  const circuit = circuits
    ? drawCircuit(rng, home, rng.int(3, 8))
    : drawCircuit(rng, home, rng.int(1, 3));

  // Phones: a pool smaller than the roster, maybe switched for new numbers every few days.
  const rotateEvery = rng.chance(T.rotatesPhones) ? days(rng.between(3, 10)) : Infinity;
  const phonePool: PhoneSlot[] = [];
  const sharesPhones = rng.chance(T.sharesPhones);
  const poolSize = sharesPhones ? Math.max(1, Math.round(roster * rng.between(0.1, 0.5))) : 0;
  for (let i = 0; i < poolSize; i++) {
    phonePool.push({
      number: ctx.phones.mobile(),
      changeAt: at + rotateEvery * rng.between(0.3, 1),
      rotateEvery,
    });
  }
  const severalPhones = rng.chance(T.severalPhonesPerAdvert);

  // Accounts and payers: a few payers behind many accounts is the common pattern.
  const accountMode = rng.weighted(
    new WeightedTable([
      ['per-persona', 55],
      ['shared', 25],
      ['mixed', 20],
    ] as const),
  );
  const accounts: string[] = [];
  const accountPool =
    accountMode === 'shared' ? rng.int(1, 3) : accountMode === 'mixed' ? Math.ceil(roster / 2) : 0;
  for (let i = 0; i < accountPool; i++) accounts.push(accountId(ctx));
  const payerMode = rng.weighted(
    new WeightedTable([
      ['few', 65],
      ['per-account', 25],
      ['mostly-null', 10],
    ] as const),
  );
  const payers = Array.from({ length: rng.int(1, 3) }, () => payerId(ctx));
  const payerByAccount = new Map<string, string>();
  const payerFor = (account: string): string => {
    let payer = payerByAccount.get(account);
    if (payer === undefined) {
      payer = payerMode === 'per-account' ? payerId(ctx) : rng.pick(payers);
      payerByAccount.set(account, payer);
    }
    return payer;
  };
  const emailPool = rng.chance(T.emailPool)
    ? Array.from({ length: Math.max(1, Math.round(roster * rng.between(0.3, 0.8))) }, () =>
        emailAddress(ctx, rng.pick(P.NAMES_F), (TOWNS[home] as Town).name),
      )
    : [];

  // Text: one to three templates with slots, or each persona written separately.
  const marketed = rng.chance(T.marketsNationality) ? rng.weighted(MARKETED_NATIONALITY) : null;
  const secondLanguage = rng.chance(T.secondLanguage);
  const propensity = {
    trust: rng.pick(NETWORK_PROPENSITY.trust),
    youth: rng.pick(NETWORK_PROPENSITY.youth),
    always: rng.pick(NETWORK_PROPENSITY.alwaysAvailable),
    thirdParty: rng.pick(NETWORK_PROPENSITY.thirdParty),
    movement: rng.pick(NETWORK_PROPENSITY.movement),
    screening: rng.pick(NETWORK_PROPENSITY.screening),
  };
  const flagsFor = (nationality: { adjective: string } | null, age: number): VoiceFlags => {
    const youth = rng.chance(propensity.youth);
    return {
      female: true,
      nationality,
      secondLanguage: secondLanguage && nationality?.adjective !== 'British',
      terse: rng.chance(0.2),
      long: rng.chance(0.15),
      screening: rng.chance(propensity.screening),
      trust: rng.chance(propensity.trust),
      youth,
      justEighteen: youth && age === 18 && rng.chance(0.5),
      always: rng.chance(propensity.always),
      thirdParty: rng.chance(propensity.thirdParty),
      ethnic: nationality !== null && marketed !== null && rng.chance(0.6),
      settledMovement: rng.chance(propensity.movement),
      titles: rng.chance(0.6) ? POOLS.networkTitle : POOLS.title,
    };
  };
  const templates = rng.chance(T.templates)
    ? Array.from({ length: rng.int(1, 3) }, () => drawVoice(rng, flagsFor(marketed, 25)))
    : null;
  const sharedPrices = priceFor(rng, home, rng.between(0.75, 1.05));

  // Images: a pool of photos reused across personas, exactly or with a few bits flipped.
  const imagePool = rng.chance(T.reusesImages)
    ? randomPhotos(rng, Math.max(2, Math.round(roster * rng.between(0.3, 1))))
    : null;
  const scraped = rng.chance(T.scrapedImages);
  const obscureRate = rng.chance(T.obscuresContacts) ? rng.between(0.5, 0.9) : 0;
  const techniques = [rng.weighted(NETWORK_TECHNIQUES), rng.weighted(NETWORK_TECHNIQUES)];
  const ageVerifiedRate = rng.between(0.05, 0.6);
  const identityIfAge = rng.between(0.2, 0.7);
  const ageDrift = rng.chance(T.ageDrift);
  const phoneInText = rng.chance(T.phoneInText) ? 0.9 : 0.3;
  const stay = days(rng.between(2, 5));
  const life = days(ctx.options.days) * rng.between(0.5, 1.2);
  const initial = Math.max(2, Math.ceil(roster * rng.between(0.3, 0.7)));
  const joins = planJoins(ctx, at, roster, initial, life);

  return newController(ctx, 'exploitation-network', joins, 9, (c, joinAt) => {
    const n = ++c.personas;
    const age = drawRange(rng, AGE_TABLES.network);
    const nationality =
      marketed !== null && rng.chance(0.9)
        ? marketed
        : rng.chance(0.25)
          ? rng.weighted(INDEPENDENT_NATIONALITY)
          : null;
    let voice =
      templates !== null ? rng.pick(templates) : drawVoice(rng, flagsFor(nationality, age));
    // A template written for a nationality cannot be used by someone who states none.
    if (nationality === null) {
      voice = {
        ...voice,
        title: voice.title.statesNationality ? rng.pick(POOLS.networkTitle.neutral) : voice.title,
        head: voice.head.map((t) => (t.statesNationality ? rng.pick(POOLS.intro.neutral) : t)),
        body: voice.body.filter((t) => !t.statesNationality),
      };
    }
    const name = rng.pick(P.NAMES_F);
    const account = accountMode === 'per-persona' ? accountId(ctx) : rng.pick(accounts);
    const phone = sharesPhones
      ? (phonePool[(n - 1) % phonePool.length] as PhoneSlot)
      : {
          number: ctx.phones.mobile(),
          changeAt: joinAt + rotateEvery * rng.between(0.3, 1),
          rotateEvery,
        };
    const extraPhone = severalPhones && phonePool.length > 1 ? rng.pick(phonePool) : null;
    const source = imagePool ?? (scraped ? ctx.scrapedImages : null);
    const photoTotal = Math.min(rng.int(2, 6), source === null ? 6 : photoCount(source));
    let photos: Uint32Array;
    if (source === null) photos = randomPhotos(rng, photoTotal);
    else {
      // Distinct photos from the shared pool, half of them re-encoded or cropped (a few bits off).
      photos = new Uint32Array(photoTotal * 8);
      const picks = rng.sample(indexList(photoCount(source)), photoTotal);
      picks.forEach((from, i) =>
        copyPhoto(rng, source, from, photos, i, rng.chance(0.5) ? rng.int(1, 20) : 0),
      );
    }
    const offset = rng.int(0, circuit.length - 1);
    return makePersona(ctx, {
      controller: c,
      id: `${c.id}/p${n}`,
      joinAt,
      end: joinAt + days(rng.between(4, 20)),
      interval: days(rng.between(0.4, 2.5)),
      name,
      age,
      nationality,
      noun: rng.pick(['girl', 'girl', 'lady']),
      home: circuit[offset] as number,
      circuit: circuits ? [...circuit.slice(offset), ...circuit.slice(0, offset)] : null,
      stay,
      touring: false,
      movementRate: propensity.movement,
      prices: templates !== null ? sharedPrices : priceFor(rng, home, rng.between(0.75, 1.05)),
      voice,
      phone,
      extraPhone,
      phoneField: rng.chance(0.85) ? rng.pick(FIELD_FORMATS) : null,
      phoneInText: rng.chance(phoneInText),
      obscureRate,
      techniques,
      privacy: false,
      account,
      payer: payerFor(account),
      payerMissingRate: payerMode === 'mostly-null' ? 0.8 : 0.03,
      emails: emailPool.length > 0 ? [rng.pick(emailPool)] : [],
      emailInText: false,
      ageDrift,
      photos,
      extraImage: null,
      ...verification(rng, ageVerifiedRate, identityIfAge),
    });
  });
}
