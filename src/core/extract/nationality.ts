// The nationality an advert states, for fairness figures only: calibration compares how often
// reviewed adverts of each stated nationality were cleared as "no concern". It never feeds a score.
//
// English words only for now (an advert in French saying "française" is not counted). Adverts
// state nationality as an adjective ("Romanian girl", "100% Brazilian", "I'm Polish") and
// sometimes as a country ("from Romania"). Several adjectives are also the trade's names for
// services or styles ("French kissing", "Greek", "Russian", "Spanish", "Swedish massage", "Thai
// massage", "Brazilian wax", "nail polish", "English speaking"): those count only in a context
// that speaks of a person or an origin, never on their own.

interface Nationality {
  /** The canonical adjective reported. */
  readonly name: string;
  /** Words that state it (adjectives and the country), lower case, without accents. */
  readonly words: readonly string[];
  /** True when a word is also a service or style: it then needs a person or origin context. */
  readonly ambiguous?: boolean;
}

const NATIONALITIES: readonly Nationality[] = [
  { name: 'British', words: ['british', 'uk girl', 'brit'] },
  { name: 'English', words: ['english', 'england'], ambiguous: true },
  { name: 'Scottish', words: ['scottish', 'scotland'] },
  { name: 'Welsh', words: ['welsh', 'wales'] },
  { name: 'Irish', words: ['irish', 'ireland'] },
  { name: 'Romanian', words: ['romanian', 'romania'] },
  { name: 'Bulgarian', words: ['bulgarian', 'bulgaria'] },
  { name: 'Hungarian', words: ['hungarian', 'hungary'] },
  { name: 'Polish', words: ['polish', 'poland'], ambiguous: true },
  { name: 'Czech', words: ['czech', 'czechia'] },
  { name: 'Slovak', words: ['slovak', 'slovakian', 'slovakia'] },
  { name: 'Lithuanian', words: ['lithuanian', 'lithuania'] },
  { name: 'Latvian', words: ['latvian', 'latvia'] },
  { name: 'Estonian', words: ['estonian', 'estonia'] },
  { name: 'Ukrainian', words: ['ukrainian', 'ukraine'] },
  { name: 'Russian', words: ['russian', 'russia'], ambiguous: true },
  { name: 'Moldovan', words: ['moldovan', 'moldova'] },
  { name: 'Albanian', words: ['albanian', 'albania'] },
  { name: 'Serbian', words: ['serbian', 'serbia'] },
  { name: 'Croatian', words: ['croatian', 'croatia'] },
  { name: 'Greek', words: ['greek', 'greece'], ambiguous: true },
  { name: 'Italian', words: ['italian', 'italy'] },
  { name: 'Spanish', words: ['spanish', 'spain'], ambiguous: true },
  { name: 'Portuguese', words: ['portuguese', 'portugal'] },
  { name: 'French', words: ['french', 'france'], ambiguous: true },
  { name: 'German', words: ['german', 'germany'] },
  { name: 'Dutch', words: ['dutch', 'holland', 'netherlands'], ambiguous: true },
  { name: 'Swedish', words: ['swedish', 'sweden'], ambiguous: true },
  { name: 'Danish', words: ['danish', 'denmark'], ambiguous: true },
  { name: 'Norwegian', words: ['norwegian', 'norway'] },
  { name: 'Finnish', words: ['finnish', 'finland'] },
  { name: 'Turkish', words: ['turkish', 'turkey'], ambiguous: true },
  { name: 'Brazilian', words: ['brazilian', 'brasilian', 'brazil', 'brasil'], ambiguous: true },
  { name: 'Colombian', words: ['colombian', 'colombia'] },
  { name: 'Venezuelan', words: ['venezuelan', 'venezuela'] },
  { name: 'Argentinian', words: ['argentinian', 'argentine', 'argentina'] },
  { name: 'Mexican', words: ['mexican', 'mexico'] },
  { name: 'Cuban', words: ['cuban', 'cuba'] },
  { name: 'Dominican', words: ['dominican'] },
  { name: 'Jamaican', words: ['jamaican', 'jamaica'] },
  { name: 'Thai', words: ['thai', 'thailand'], ambiguous: true },
  { name: 'Chinese', words: ['chinese', 'china'], ambiguous: true },
  { name: 'Japanese', words: ['japanese', 'japan'] },
  { name: 'Korean', words: ['korean', 'korea'] },
  { name: 'Vietnamese', words: ['vietnamese', 'vietnam', 'viet'] },
  { name: 'Filipino', words: ['filipina', 'filipino', 'philippines', 'pinay'] },
  { name: 'Malaysian', words: ['malaysian', 'malaysia'] },
  { name: 'Indonesian', words: ['indonesian', 'indonesia'] },
  { name: 'Indian', words: ['indian', 'india'] },
  { name: 'Pakistani', words: ['pakistani', 'pakistan'] },
  { name: 'Bangladeshi', words: ['bangladeshi', 'bangladesh'] },
  { name: 'Nigerian', words: ['nigerian', 'nigeria'] },
  { name: 'Ghanaian', words: ['ghanaian', 'ghana'] },
  { name: 'Kenyan', words: ['kenyan', 'kenya'] },
  { name: 'Ethiopian', words: ['ethiopian', 'ethiopia'] },
  { name: 'Eritrean', words: ['eritrean', 'eritrea'] },
  { name: 'Somali', words: ['somali', 'somalia'] },
  { name: 'South African', words: ['south african', 'south africa'] },
  { name: 'Moroccan', words: ['moroccan', 'morocco'] },
  { name: 'Egyptian', words: ['egyptian', 'egypt'] },
  { name: 'Lebanese', words: ['lebanese', 'lebanon'] },
  { name: 'Iranian', words: ['iranian', 'persian', 'iran'] },
  { name: 'Arab', words: ['arab', 'arabian'] },
];

/** Words after an ambiguous adjective that make it a person or an origin. */
const PERSON_AFTER = new Set([
  'girl',
  'girls',
  'lady',
  'ladies',
  'woman',
  'women',
  'beauty',
  'babe',
  'model',
  'escort',
  'student',
  'guy',
  'boy',
  'man',
  'trans',
  'ts',
  'tgirl',
  'doll',
  'princess',
  'goddess',
  'blonde',
  'brunette',
  'origin',
  'descent',
  'blood',
  'heritage',
  'national',
  'born',
  'stunner',
  'mum',
  'milf',
  'queen',
  'lad',
  'male',
  'female',
  'companion',
  'mistress',
  'angel',
  'sweetheart',
  'bombshell',
  'nationality',
]);
/** Words before an ambiguous adjective that make it a person or an origin. */
const PERSON_BEFORE = [
  ['100%'],
  ['100'],
  ['i', 'am'],
  ['im'],
  ['i', 'm'],
  ['from'],
  ['genuine'],
  ['real'],
  ['pure'],
  ['true'],
  ['proud'],
  ['half'],
  ['am'],
  ['hot'],
  ['sexy'],
  ['young'],
  ['petite'],
  ['busty'],
  ['stunning'],
  ['gorgeous'],
  ['beautiful'],
  ['new'],
  ['mixed'],
];
/** Service and style phrases: never a nationality, whatever the context. */
const SERVICE_AFTER = new Set([
  'kiss',
  'kissing',
  'fk',
  'massage',
  'wax',
  'waxing',
  'bath',
  'service',
  'services',
  'style',
  'speaking',
  'speaker',
  'spoken',
  'language',
  'lessons',
  'extra',
  'ok',
  'available',
  'without',
  'with',
  'oral',
  'cuisine',
  'food',
  'tongue',
  'maid',
]);

/** Words before an adjective that make it a thing, not a person ("nail polish"). */
const SERVICE_BEFORE = new Set(['nail', 'shoe', 'car']);

interface Entry {
  readonly name: string;
  readonly tokens: readonly string[];
  readonly ambiguous: boolean;
}

const ENTRIES: readonly Entry[] = NATIONALITIES.flatMap((n) =>
  n.words.map((w) => ({ name: n.name, tokens: w.split(' '), ambiguous: n.ambiguous === true })),
);
const BY_FIRST = new Map<string, Entry[]>();
for (const e of ENTRIES) {
  const list = BY_FIRST.get(e.tokens[0]!);
  if (list) list.push(e);
  else BY_FIRST.set(e.tokens[0]!, [e]);
}

/** Lower-case words without accents; "100%" kept as one token. */
export function nationalityTokens(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .match(/100%|[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * The nationalities an advert states, canonical adjectives in order of first mention, each once.
 * Ambiguous words count only next to a person or origin word and never as a service.
 */
export function statedNationalities(text: string): string[] {
  const tokens = nationalityTokens(text);
  const found: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const candidates = BY_FIRST.get(tokens[i]!);
    if (candidates === undefined) continue;
    for (const e of candidates) {
      if (!e.tokens.every((t, k) => tokens[i + k] === t)) continue;
      const after = tokens[i + e.tokens.length];
      if (after !== undefined && SERVICE_AFTER.has(after)) continue;
      if (i > 0 && SERVICE_BEFORE.has(tokens[i - 1]!)) continue;
      if (e.ambiguous && !personContext(tokens, i, i + e.tokens.length)) continue;
      if (!found.includes(e.name)) found.push(e.name);
      break;
    }
  }
  return found;
}

/** The first stated nationality, or null: the group an advert falls in for fairness figures. */
export function statedNationality(text: string): string | null {
  return statedNationalities(text)[0] ?? null;
}

function personContext(tokens: readonly string[], start: number, end: number): boolean {
  const after = tokens[end];
  if (after !== undefined && PERSON_AFTER.has(after)) return true;
  return PERSON_BEFORE.some(
    (words) =>
      start >= words.length && words.every((w, k) => tokens[start - words.length + k] === w),
  );
}
