import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.ts';

// Advert-like texts written for the library comparison that chose eld (not real adverts):
// [expected ISO 639-1 code, text]. 'und' marks text with too little language in it.
const CORPUS: readonly (readonly [string, string])[] = [
  [
    'en',
    "Hi gentlemen, I'm Jessica, a friendly and open minded girl new in town. Available for incall and outcall, discreet apartment near the station. Call or text me anytime xx",
  ],
  [
    'en',
    'Sexy blonde, 24 years old, genuine photos. Come and relax with me, I offer a real girlfriend experience. No withheld numbers please.',
  ],
  [
    'en',
    'New girls every week! Best massage in Leeds, clean and safe place, parking available. Open 10am till late, call now to book.',
  ],
  [
    'en',
    'Beautiful young lady visiting for a few days only. Sweet, caring and very naughty. Text me for prices.',
  ],
  [
    'en',
    'Mature and experienced lady, happy to meet respectful gents. Outcalls to hotels only, 1 hour minimum.',
  ],
  [
    'ro',
    'Salut, sunt o fată nouă în oraș, foarte drăguță și discretă. Te aștept la mine în apartament, sună-mă pentru detalii. Pupici',
  ],
  [
    'ro',
    'Bună, mă numesc Andreea și am 22 de ani. Sunt disponibilă non stop, vino să ne distrăm împreună. Nu răspund la numere ascunse.',
  ],
  [
    'ro',
    'Fete noi în fiecare săptămână, masaj de relaxare și multe altele. Locație curată și sigură, parcare gratuită.',
  ],
  [
    'pl',
    'Cześć, jestem nową dziewczyną w mieście. Zapraszam do mojego mieszkania, dyskrecja gwarantowana. Zadzwoń lub napisz SMS.',
  ],
  [
    'pl',
    'Piękna i miła pani, tylko na kilka dni. Masaż relaksacyjny i wiele więcej, zapraszam panów kulturalnych.',
  ],
  [
    'pl',
    'Nowe dziewczyny co tydzień! Czyste i bezpieczne miejsce, parking za darmo. Otwarte codziennie od rana do późna.',
  ],
  [
    'pt',
    'Olá, sou uma menina nova na cidade, muito carinhosa e discreta. Atendo no meu apartamento, liga-me para mais informações. Beijinhos',
  ],
  [
    'pt',
    'Brasileira linda e simpática, disponível para encontros com homens educados. Não atendo números privados.',
  ],
  [
    'pt',
    'Massagem relaxante com final feliz, ambiente limpo e seguro. Estou à tua espera, marca já a tua hora!',
  ],
  [
    'es',
    'Hola, soy una chica nueva en la ciudad, muy cariñosa y discreta. Te espero en mi apartamento, llámame para más información. Besos',
  ],
  [
    'es',
    'Latina preciosa y simpática, disponible para encuentros con caballeros educados. No contesto números ocultos.',
  ],
  [
    'es',
    'Masaje relajante y mucho más, lugar limpio y seguro. Chicas nuevas cada semana, ven a conocernos.',
  ],
  [
    'it',
    'Ciao, sono una ragazza nuova in città, molto dolce e discreta. Ti aspetto nel mio appartamento, chiamami per informazioni. Baci',
  ],
  [
    'it',
    'Bellissima ragazza italiana, disponibile per incontri con uomini educati. Non rispondo ai numeri privati.',
  ],
  [
    'it',
    'Massaggio rilassante e molto altro, ambiente pulito e riservato. Ragazze nuove ogni settimana, vieni a trovarci.',
  ],
  [
    'hu',
    'Szia, új lány vagyok a városban, nagyon kedves és diszkrét. Várlak a lakásomon, hívj további információért. Puszi',
  ],
  [
    'hu',
    'Gyönyörű fiatal hölgy, csak néhány napig vagyok itt. Kulturált urak jelentkezését várom, rejtett számot nem veszek fel.',
  ],
  [
    'hu',
    'Relaxáló masszázs és még sok más, tiszta és biztonságos hely. Minden héten új lányok, gyere el hozzánk.',
  ],
  [
    'cs',
    'Ahoj, jsem nová holka ve městě, velmi milá a diskrétní. Čekám na tebe ve svém bytě, zavolej mi pro více informací. Pusu',
  ],
  [
    'cs',
    'Krásná mladá dáma, jsem tu jen na pár dní. Přijímám pouze slušné pány, na skrytá čísla neodpovídám.',
  ],
  [
    'cs',
    'Relaxační masáž a mnohem více, čisté a bezpečné prostředí. Každý týden nové dívky, přijďte nás navštívit.',
  ],
  [
    'bg',
    'Здравей, аз съм ново момиче в града, много мила и дискретна. Очаквам те в моя апартамент, обади ми се за повече информация.',
  ],
  [
    'bg',
    'Красива млада дама, тук съм само за няколко дни. Приемам само възпитани господа, не отговарям на скрити номера.',
  ],
  [
    'bg',
    'Релаксиращ масаж и много повече, чисто и сигурно място. Нови момичета всяка седмица, ела да ни видиш.',
  ],
  [
    'lt',
    'Labas, aš nauja mergina mieste, labai maloni ir diskretiška. Laukiu tavęs savo bute, skambink dėl daugiau informacijos.',
  ],
  [
    'lt',
    'Graži jauna mergina, čia esu tik kelias dienas. Priimu tik mandagius vyrus, į paslėptus numerius neatsakau.',
  ],
  [
    'lt',
    'Atpalaiduojantis masažas ir dar daugiau, švari ir saugi vieta. Kiekvieną savaitę naujos merginos, ateik pas mus.',
  ],
  ['th', 'สวัสดีค่ะ หนูเป็นผู้หญิงใหม่ในเมือง น่ารักและเป็นกันเอง รอคุณอยู่ที่ห้องพัก โทรหาหนูได้เลยค่ะ'],
  ['th', 'นวดผ่อนคลาย สถานที่สะอาดและปลอดภัย มีสาวใหม่ทุกสัปดาห์ เปิดทุกวัน'],
  ['th', 'สาวไทยน่ารัก ใจดี บริการดี รับเฉพาะสุภาพบุรุษ ไม่รับเบอร์ซ่อน'],
  ['zh', '你好，我是新来的女孩，温柔体贴，欢迎来我的公寓，请打电话预约。'],
  ['zh', '中国美女，身材好，服务好，只接待有礼貌的绅士，不接隐藏号码。'],
  ['zh', '放松按摩，环境干净安全，每周都有新女孩，欢迎光临。'],
  [
    'fr',
    "Bonjour, je suis une nouvelle fille en ville, très douce et discrète. Je t'attends dans mon appartement, appelle-moi pour plus d'informations.",
  ],
  [
    'fr',
    'Massage relaxant et bien plus encore, endroit propre et sûr. Nouvelles filles chaque semaine.',
  ],
  [
    'de',
    'Hallo, ich bin ein neues Mädchen in der Stadt, sehr lieb und diskret. Ich warte in meiner Wohnung auf dich, ruf mich an.',
  ],
  [
    'de',
    'Entspannende Massage und vieles mehr, sauberer und sicherer Ort. Jede Woche neue Mädchen, komm vorbei.',
  ],
  [
    'ru',
    'Привет, я новая девушка в городе, очень милая и скромная. Жду тебя в своей квартире, звони для подробностей.',
  ],
  [
    'ru',
    'Расслабляющий массаж и многое другое, чистое и безопасное место. Новые девушки каждую неделю.',
  ],
  [
    'sk',
    'Ahoj, som nové dievča v meste, veľmi milá a diskrétna. Čakám ťa vo svojom byte, zavolaj mi pre viac informácií.',
  ],
  [
    'sq',
    'Përshëndetje, jam një vajzë e re në qytet, shumë e ëmbël dhe diskrete. Të pres në apartamentin tim, më telefono.',
  ],
  [
    'vi',
    'Xin chào, em là cô gái mới trong thành phố, rất dễ thương và kín đáo. Em đợi anh ở căn hộ của em, gọi cho em nhé.',
  ],
  ['en', 'New in town!!! 07700 900123 xx'],
  ['en', 'GFE, OWO, DFK. Incall only. Text me babe'],
  ['ro', 'Fată nouă, sună-mă!'],
  ['und', '07700 900 123 ☎️ 💋💋💋'],
  ['und', '£150 1hr £80 30min'],
  ['und', '💋💋 xx'],
];

describe('detectLanguage', () => {
  it.each(CORPUS)('%s: %s', (code, text) => {
    const guess = detectLanguage(text);
    expect(guess.code).toBe(code);
    if (code === 'und') expect(guess.confidence).toBeLessThanOrEqual(0.2);
    // Close relatives (Bulgarian / Russian / Serbian) get lower confidence, but still some.
    else expect(guess.confidence).toBeGreaterThanOrEqual(0.35);
  });

  it.each(['', ' ', 'xx', '07700 900123', '£150', '💋💋💋', 'Hi', '!!! ??? ...'])(
    '%j → und',
    (text) => {
      expect(detectLanguage(text)).toEqual({ code: 'und', confidence: 0 });
    },
  );

  it('decides single-language scripts without the model', () => {
    expect(detectLanguage('สวัสดีค่ะ ยินดีต้อนรับ').code).toBe('th');
    expect(detectLanguage('欢迎光临我的公寓').code).toBe('zh');
    expect(detectLanguage('こんにちは、私は新しい女の子です').code).toBe('ja');
    expect(detectLanguage('안녕하세요 새로 왔어요').code).toBe('ko');
    expect(detectLanguage('Γεια σας, είμαι καινούργια στην πόλη').code).toBe('el');
  });

  it('takes English adverts by the fast path, diacritics or foreign words send text to the model', () => {
    expect(detectLanguage('GFE, OWO, DFK. Incall only. Text me babe').code).toBe('en');
    expect(detectLanguage('Salut, sunt o fata noua in oras, suna-ma').code).toBe('ro');
    expect(detectLanguage('Hola guapo, soy nueva en la ciudad, llámame').code).toBe('es');
  });

  it('only reads the first 400 characters', () => {
    const english = CORPUS[0]?.[1] ?? '';
    const polish = CORPUS.find(([c]) => c === 'pl')?.[1] ?? '';
    const text = `${english} ${english} ${english}`.slice(0, 400) + polish.repeat(5);
    expect(detectLanguage(text).code).toBe('en');
  });

  it('is cheap on English adverts', () => {
    const text = CORPUS.filter(([c]) => c === 'en')
      .map(([, t]) => t)
      .join(' ');
    for (let i = 0; i < 500; i++) detectLanguage(text);
    const n = 2000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) detectLanguage(text);
    const us = ((performance.now() - t0) * 1000) / n;
    // Typically ~5 µs; the bound is loose so a busy CI machine does not fail it.
    expect(us).toBeLessThan(60);
  });

  describe('properties', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({
        unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
        maxLength: 300,
      }),
      fc
        .constantFrom(...CORPUS.map(([, t]) => t))
        .chain((t) => fc.integer({ min: 0, max: t.length }).map((n) => t.slice(0, n))),
    );

    it('never throws and returns a code with a confidence in [0, 1]', () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const g = detectLanguage(text);
          expect(g.code).toMatch(/^(?:[a-z]{2}|und)$/);
          expect(g.confidence).toBeGreaterThanOrEqual(0);
          expect(g.confidence).toBeLessThanOrEqual(1);
          if (g.code === 'und') expect(g.confidence).toBe(0);
        }),
        { numRuns: 300 },
      );
    });

    it('depends only on the first 400 characters and is deterministic', () => {
      fc.assert(
        fc.property(anyText, anyText, (a, b) => {
          const head = `${a} `.repeat(Math.ceil(400 / (a.length + 1))).slice(0, 400);
          expect(detectLanguage(head + b)).toEqual(detectLanguage(head));
          expect(detectLanguage(a)).toEqual(detectLanguage(a));
        }),
        { numRuns: 200 },
      );
    });
  });
});
