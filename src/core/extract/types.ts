/** Half-open range of UTF-16 code-unit offsets [start, end) into the string that was searched. */
export type Span = readonly [start: number, end: number];

/** Ways an advert hides a contact detail from scrapers (obscured contacts are a tested red flag). */
export type ObfuscationTechnique =
  | 'digit-words' // "seven", "oh", "double seven"
  | 'letter-for-digit' // O for 0, l or I for 1
  | 'unicode-digits' // full-width, Arabic-Indic, mathematical or circled digits
  | 'emoji-keycaps' // 7️⃣
  | 'zero-width' // zero-width spaces or joiners inside the number
  | 'spacing' // digits split apart by unusual spacing ("0 7 7 0 0")
  | 'separators' // digits split by unusual punctuation ("077.00-900/123")
  | 'spelled-symbols'; // "at" / "dot" in an email

/** A phone number found in free text. */
export interface PhoneHit {
  /** E.164, e.g. +447700900123. */
  readonly e164: string;
  readonly span: Span;
  /** The original characters the number was read from. */
  readonly raw: string;
  /** True when the number could only be read after de-obfuscation. */
  readonly obfuscated: boolean;
  readonly techniques: readonly ObfuscationTechnique[];
}

/** An email address found in free text. */
export interface EmailHit {
  /** Lower-cased, canonical address. */
  readonly email: string;
  readonly span: Span;
  readonly raw: string;
  readonly obfuscated: boolean;
  readonly techniques: readonly ObfuscationTechnique[];
}

export type SocialPlatform =
  | 'instagram'
  | 'twitter'
  | 'snapchat'
  | 'telegram'
  | 'whatsapp'
  | 'onlyfans'
  | 'tiktok'
  | 'kik'
  | 'other';

/** A social-media handle found in free text. */
export interface HandleHit {
  readonly platform: SocialPlatform;
  /** Lower-cased handle without a leading @. */
  readonly handle: string;
  readonly span: Span;
  readonly raw: string;
}

/** An age stated in free text ("I am 21", "21 years old", "age: 21"). */
export interface AgeHit {
  readonly age: number;
  readonly span: Span;
  readonly raw: string;
}

/** A price stated in free text ("£150/hr", "100 roses half hour"). */
export interface PriceHit {
  /** Amount in the currency's major unit. */
  readonly amount: number;
  readonly currency: 'GBP' | 'EUR' | 'USD' | 'unknown';
  /** Duration the price is for, in minutes, when stated. */
  readonly minutes: number | null;
  readonly span: Span;
  readonly raw: string;
}

/** A UK town or city from the shipped gazetteer. */
export interface TownHit {
  /** Canonical gazetteer name, e.g. "Newcastle upon Tyne". */
  readonly town: string;
  /** ONS/ITL1 region name, e.g. "North East". */
  readonly region: string;
  readonly span: Span;
  readonly raw: string;
}

/** Best guess at the language of a text. */
export interface LanguageGuess {
  /** ISO 639-1 code, e.g. "en", "ro", "pl"; "und" when undetermined. */
  readonly code: string;
  /** 0..1. */
  readonly confidence: number;
}

/** Everything extracted from one piece of free text; spans index into that text. */
export interface TextExtraction {
  readonly phones: readonly PhoneHit[];
  readonly emails: readonly EmailHit[];
  readonly handles: readonly HandleHit[];
  readonly ages: readonly AgeHit[];
  readonly prices: readonly PriceHit[];
  readonly towns: readonly TownHit[];
}
