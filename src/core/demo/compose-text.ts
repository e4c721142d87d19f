/**
 * Turns the phrase data into advert text: templates are compiled once at load, then rendered per
 * advert by plain concatenation (the generator's budget is a few microseconds per advert).
 */
import { Random } from './random.ts';

/** Slots a fragment may contain. */
export const SLOT_NAMES = [
  'name',
  'name2',
  'age',
  'town',
  'next',
  'nat',
  'country',
  'noun',
  'adj',
  'adj2',
  'hair',
  'p30',
  'p60',
  'hours',
  'day',
  'years',
  'agency',
  'phone',
  'email',
] as const;
export type SlotName = (typeof SLOT_NAMES)[number];

/** Index of each slot in a SlotValues array (rendering reads arrays, not keyed properties). */
export const SLOT = Object.fromEntries(SLOT_NAMES.map((name, i) => [name, i])) as Readonly<
  Record<SlotName, number>
>;

/** Slot values by SLOT index. */
export type SlotValues = string[];

/** A SlotValues array with every slot empty. */
export function emptySlotValues(): SlotValues {
  return SLOT_NAMES.map(() => '');
}

/** A compiled fragment: literals[0], slot slots[0], literals[1], … (one more literal than slots). */
export interface Template {
  readonly literals: readonly string[];
  readonly slots: readonly number[];
  /** True when the fragment states a nationality ({nat}, {country}, or a word like "English"). */
  readonly statesNationality: boolean;
  /** True when only a female persona would write it ("girl", "lady", "mum"…). */
  readonly femaleOnly: boolean;
  /** True when it carries a phone or email, which typos must not garble. */
  readonly hasContact: boolean;
}

const SLOT_SET: ReadonlySet<string> = new Set(SLOT_NAMES);
const FEMALE_WORDS = /\b(girls?|lad(?:y|ies)|lass|mum|rose)\b/i;
// "English" alone is a language ("I speak English"); these phrases state a nationality.
const NATIONALITY_WORDS = /\b(?:British|Scottish|Welsh)\b|\bEnglish (?:rose|\{noun\})/;

/** Compiles "{name}, {age}" into a template; throws on an unknown slot so typos fail at load. */
export function compileTemplate(source: string): Template {
  const literals: string[] = [];
  const slots: number[] = [];
  let last = 0;
  for (const match of source.matchAll(/\{(\w+)\}/g)) {
    const slot = match[1] ?? '';
    if (!SLOT_SET.has(slot)) throw new Error(`unknown slot {${slot}} in "${source}"`);
    literals.push(source.slice(last, match.index));
    slots.push(SLOT[slot as SlotName]);
    last = match.index + match[0].length;
  }
  literals.push(source.slice(last));
  return {
    literals,
    slots,
    statesNationality:
      source.includes('{nat}') || source.includes('{country}') || NATIONALITY_WORDS.test(source),
    femaleOnly: FEMALE_WORDS.test(source),
    hasContact: source.includes('{phone}') || source.includes('{email}'),
  };
}

/** The same template with text added at its end. */
export function withSuffix(template: Template, suffix: string): Template {
  const literals = template.literals.slice();
  literals[literals.length - 1] += suffix;
  return { ...template, literals };
}

/** A compiled pool, with the subsets personas without a stated nationality or men may use. */
export interface Pool {
  readonly all: readonly Template[];
  readonly neutral: readonly Template[];
  readonly neutralMale: readonly Template[];
  readonly male: readonly Template[];
  /** Templates that state a nationality. */
  readonly stating: readonly Template[];
}

/** Compiles a list of fragments into a pool. */
export function compilePool(sources: readonly string[]): Pool {
  const all = sources.map(compileTemplate);
  const neutral = all.filter((t) => !t.statesNationality);
  return {
    all,
    neutral,
    neutralMale: neutral.filter((t) => !t.femaleOnly),
    male: all.filter((t) => !t.femaleOnly),
    stating: all.filter((t) => t.statesNationality),
  };
}

/** The templates of a pool a persona may use. */
export function poolFor(
  pool: Pool,
  statesNationality: boolean,
  female: boolean,
): readonly Template[] {
  if (statesNationality) return female ? pool.all : pool.male;
  return female ? pool.neutral : pool.neutralMale;
}

/** Renders one template with slot values. */
export function renderTemplate(template: Template, values: SlotValues): string {
  const { literals, slots } = template;
  let out = literals[0] as string;
  for (let i = 0; i < slots.length; i++) {
    out += (values[slots[i] as number] as string) + (literals[i + 1] as string);
  }
  return out;
}

/** How a persona writes: fixed per persona so her reposts keep the same look. */
export interface WritingStyle {
  /** Between sentences within a paragraph. */
  readonly separator: string;
  /** Start a new paragraph after this many sentences (0: one paragraph). */
  readonly paragraphEvery: number;
  readonly emojiRate: number;
  readonly emojis: readonly string[];
  /** Writes everything in lower case. */
  readonly lowercase: boolean;
  /** Chance that a sentence carries a typo. */
  readonly typoRate: number;
  /** Chance that a full stop becomes "!" or "!!". */
  readonly exclaimRate: number;
  /** Seed for this persona's typos and emoji, so identical text gets identical quirks. */
  readonly seed: number;
}

/** Draws a writing style: most people write plainly, some with emoji, typos or no capitals. */
export function drawWritingStyle(rng: Random, emojiPool: readonly string[]): WritingStyle {
  const emojiHeavy = rng.chance(0.25);
  const emojiSome = !emojiHeavy && rng.chance(0.3);
  return {
    separator: rng.pick([' ', ' ', ' ', ' ', '\n', '\n', ' - ', '  ', ' ~ ', ' | ']),
    paragraphEvery: rng.chance(0.35) ? rng.int(2, 4) : 0,
    emojiRate: emojiHeavy ? rng.between(0.35, 0.8) : emojiSome ? rng.between(0.05, 0.2) : 0,
    emojis: rng.sample(emojiPool, rng.int(1, 5)),
    lowercase: rng.chance(0.08),
    typoRate: rng.chance(0.3) ? rng.between(0.05, 0.25) : 0,
    exclaimRate: rng.chance(0.3) ? rng.between(0.2, 0.7) : 0,
    seed: rng.seed(),
  };
}

function withTypo(sentence: string, rng: Random): string {
  const op = rng.int(0, 4);
  if (op === 0) return sentence.replace("I'm", 'Im').replace("don't", 'dont');
  if (op === 1) return sentence.replace(/\byou\b/, 'u');
  const i = rng.int(1, Math.max(1, sentence.length - 3));
  const a = sentence[i] ?? '';
  const b = sentence[i + 1] ?? '';
  if (!/[a-z]/.test(a) || !/[a-z]/.test(b)) return sentence;
  if (op === 2) return sentence.slice(0, i) + b + a + sentence.slice(i + 2); // swapped letters
  if (op === 3) return sentence.slice(0, i) + sentence.slice(i + 1); // dropped letter
  return sentence.slice(0, i) + a + sentence.slice(i); // doubled letter
}

// One generator reused for every render: rendering is synchronous, so it is never shared.
const QUIRKS = new Random(0, 0);

/** Renders sentences into one text in a persona's style (typos, emoji, paragraphs, case). */
export function renderText(
  sentences: readonly Template[],
  values: SlotValues,
  style: WritingStyle,
): string {
  // style.seed came from a seeded stream already, so a short warm-up is enough.
  const quirks = QUIRKS.reseed(style.seed, 4);
  let out = '';
  let inParagraph = 0;
  for (const template of sentences) {
    let s = renderTemplate(template, values);
    if (s === '') continue;
    if (style.exclaimRate > 0 && s.endsWith('.') && quirks.chance(style.exclaimRate)) {
      s = s.slice(0, -1) + (quirks.chance(0.3) ? '!!' : '!');
    }
    if (style.typoRate > 0 && !template.hasContact && quirks.chance(style.typoRate)) {
      s = withTypo(s, quirks);
    }
    if (style.emojiRate > 0 && quirks.chance(style.emojiRate)) s += ' ' + quirks.pick(style.emojis);
    if (out !== '') {
      if (style.paragraphEvery > 0 && inParagraph >= style.paragraphEvery) {
        out += '\n\n';
        inParagraph = 0;
      } else out += style.separator;
    }
    out += s;
    inParagraph++;
  }
  return style.lowercase ? out.toLowerCase() : out;
}
