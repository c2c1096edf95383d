/**
 * Number words people say instead of digits in times: "five thirty", "quarter to seven",
 * "saade saat", "sawa paanch", "پونے چھ". Small vocabularies (clock hours, minutes, the counts used
 * in durations) and the fraction words of Urdu/Hindi clock talk, shared by the English and the
 * Urdu time rules. Keys are lower case and in the matching form of normalize.ts (Urdu ی ک ہ).
 */

/** English cardinals up to nineteen. */
const EN_SMALL: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};
/** English tens people use for minutes and counts. */
const EN_TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50 };
const EN_DIGIT_WORDS = 'one|two|three|four|five|six|seven|eight|nine';

/** English ordinals for days of the month ("the fifteenth", "feb fourth"). */
const EN_ORDINAL_SMALL: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17,
  eighteenth: 18, nineteenth: 19, twentieth: 20, thirtieth: 30,
};

function byLength(words: Iterable<string>): string {
  return [...words].sort((a, b) => b.length - a.length).join('|');
}

/** An English number word from one to twelve (a clock hour). */
export const EN_HOUR_WORD = `(?:${byLength(Object.keys(EN_SMALL).filter((w) => EN_SMALL[w]! <= 12))})`;
/**
 * An English count from one to fifty-nine: "five", "fifteen", "forty five", "forty-five". A tens
 * word takes its unit only across one space or hyphen, so "twenty five minutes" is 25.
 */
export const EN_COUNT_WORDS = `(?:(?:${byLength(Object.keys(EN_TENS))})(?:[\\s-](?:${EN_DIGIT_WORDS}))?|${byLength(Object.keys(EN_SMALL))})`;
/** The minutes of a spoken clock after its hour: "thirty", "forty five", "fifteen", "oh five". */
export const EN_MINUTE_WORDS = `(?:(?:oh|o)\\s+(?:${EN_DIGIT_WORDS})|(?:${byLength(Object.keys(EN_TENS))})(?:[\\s-](?:${EN_DIGIT_WORDS}))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)`;
/** An English day ordinal: "fifth", "twenty first", "twenty-first", "thirtieth". */
export const EN_ORDINAL_WORDS = `(?:(?:twenty|thirty)[\\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|${byLength(Object.keys(EN_ORDINAL_SMALL))})`;

/** The value of an English count or minutes phrase ("forty five", "oh five", "12"); null when not one. */
export function englishNumber(words: string): number | null {
  const parts = words.trim().toLowerCase().split(/[\s-]+/);
  if (parts.length === 1 && /^\d+$/.test(parts[0]!)) return Number(parts[0]);
  let total = 0;
  for (const [i, p] of parts.entries()) {
    if ((p === 'oh' || p === 'o') && i === 0 && parts.length === 2) continue;
    const v = EN_TENS[p] ?? EN_SMALL[p];
    if (v === undefined) return null;
    total += v;
  }
  return parts.length ? total : null;
}

/** The value of an English day ordinal ("twenty first" → 21); null when not one. */
export function englishOrdinal(words: string): number | null {
  const parts = words.trim().toLowerCase().split(/[\s-]+/);
  if (parts.length === 1) return EN_ORDINAL_SMALL[parts[0]!] ?? null;
  const tens = EN_TENS[parts[0]!];
  const unit = EN_ORDINAL_SMALL[parts[1]!];
  return tens !== undefined && unit !== undefined && unit < 10 ? tens + unit : null;
}

/**
 * Urdu-script and Roman Urdu/Hindi numbers: the clock hours and the counts used for minutes and
 * durations, with the spellings people type ("chhe", "che", "chay"; "gyarah", "gyara").
 */
const UR_NUMBERS: Record<string, number> = {
  'ایک': 1, 'دو': 2, 'تین': 3, 'چار': 4, 'پانچ': 5, 'چھ': 6, 'چھے': 6, 'چھہ': 6, 'سات': 7, 'آٹھ': 8, 'نو': 9,
  'دس': 10, 'گیارہ': 11, 'بارہ': 12, 'پندرہ': 15, 'بیس': 20, 'پچیس': 25, 'تیس': 30, 'پینتیس': 35,
  'چالیس': 40, 'پینتالیس': 45, 'پچاس': 50, 'پچپن': 55,
  ek: 1, aik: 1, do: 2, teen: 3, tin: 3, char: 4, chaar: 4, paanch: 5, panch: 5, panj: 5, paanj: 5,
  chhe: 6, che: 6, chay: 6, chhay: 6, chheh: 6, chah: 6, cheh: 6, saat: 7, sat: 7, aath: 8, ath: 8, aat: 8,
  nau: 9, das: 10, dus: 10, gyarah: 11, gyara: 11, gyaarah: 11, gyaara: 11, giyarah: 11, giyara: 11,
  barah: 12, bara: 12, baarah: 12, baara: 12, barha: 12,
  pandrah: 15, pandra: 15, bees: 20, pachees: 25, pachis: 25, tees: 30, pentees: 35, paintees: 35,
  chalees: 40, chalis: 40, paintalees: 45, paintalis: 45, pachaas: 50, pachas: 50, pachpan: 55,
};

/** Urdu/Roman hour words (1–12). */
export const UR_HOUR_WORD = `(?:${byLength(Object.keys(UR_NUMBERS).filter((w) => UR_NUMBERS[w]! <= 12))})`;
/** Urdu/Roman counts for durations and minutes (1–12 and the round minutes). */
export const UR_COUNT_WORD = `(?:${byLength(Object.keys(UR_NUMBERS))})`;
/**
 * Hour words that also mean something else right after a part of the day ("subah ek meeting",
 * "raat ko do"): they are a clock hour there only with "baje".
 */
export const UR_WEAK_HOURS = /^(?:ek|aik|do|ایک|دو|sat|tin|ath|aat|che|chay)$/;

/** The value of an Urdu/Roman number word, an English hour word or digits; null when none. */
export function numberValue(token: string): number | null {
  const t = token.trim().toLowerCase();
  if (/^\d+$/.test(t)) return Number(t);
  return UR_NUMBERS[t] ?? englishNumber(t);
}

/**
 * Fraction words of Urdu/Hindi clock talk and durations. `plus` adds to the number after it
 * (ساڑھے/saade + 7 = 7½, سوا/sawa + 5 = 5¼), `minus` takes a quarter from it (پونے/paune + 6 = 5¾);
 * `alone` is the value said by itself (ڈیڑھ/derh 1½, ڈھائی/dhai 2½, sawa 1¼, paune ¾, aadha ½).
 */
export interface Fraction { plus?: number; alone?: number }
const FRACTIONS: ReadonlyArray<[string, Fraction]> = [
  ['ساڑھے|ساڑہے|ساڑے|saade|saadhe|sade|sadhe|saarhe|sarhe|sarhay|saray|saadhay|sadhay', { plus: 0.5 }],
  ['سوا|sawa|sava|sowa|swa', { plus: 0.25, alone: 1.25 }],
  ['پونے|پون|paune|pone|pauney|paunay|ponay|poune', { plus: -0.25, alone: 0.75 }],
  ['ڈیڑھ|ڈیڑہ|derh|dedh|deadh|dhed|dairh|derrh|dirh', { alone: 1.5 }],
  ['ڈھائی|ڈہائی|dhai|dhaai|adhai|dhaee|dhayi|dhaiy', { alone: 2.5 }],
  ['آدھے|آدھا|آدھ|aadhe|adhe|aadha|adha|aadhay|adhay|aadh', { alone: 0.5 }],
];
const FRACTION_OF = new Map<string, Fraction>(FRACTIONS.flatMap(([words, f]) => words.split('|').map((w) => [w, f] as const)));

/** Fraction words that go before a number ("saade saat", "sawa do", "پونے چھ"). */
export const UR_FRACTION_BEFORE = `(?:${byLength([...FRACTION_OF].filter(([, f]) => f.plus !== undefined).map(([w]) => w))})`;
/** Fraction words that are a number by themselves ("derh", "ڈھائی", "aadha"). */
export const UR_FRACTION_ALONE = `(?:${byLength([...FRACTION_OF].filter(([, f]) => f.alone !== undefined).map(([w]) => w))})`;

/** A fraction word's meaning; null when `word` is none. */
export function fractionOf(word: string): Fraction | null {
  return FRACTION_OF.get(word.trim().toLowerCase()) ?? null;
}

/**
 * The amount a fraction word and a number say together: "saade" 3 = 3.5, "paune" 6 = 5.75, "derh"
 * alone = 1.5, no fraction = the number. null when they make no amount.
 */
export function withFraction(fraction: string | undefined, n: number | null): number | null {
  if (!fraction) return n;
  const f = fractionOf(fraction);
  if (!f) return n;
  if (n === null) return f.alone ?? null;
  return f.plus !== undefined ? n + f.plus : null;
}
