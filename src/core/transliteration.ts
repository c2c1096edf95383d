/**
 * Rough phonetic keys, so one word written in Urdu script, Roman Urdu or a common Roman spelling
 * variant compares equal: "doodh", "dhoodh", "dudh" and "دودھ" all key to "dd"; "bijli", "bijlee" and
 * "بجلی" to "bjli". Urdu script leaves short vowels unwritten and Roman spellings disagree about
 * vowels, so the cross-script key keeps consonants only, plus one marker for a leading vowel and one
 * class for the final vowel (it carries gender: "dada" ≠ "dadi", "wala" ≠ "wali"):
 *
 *   consonants  aspiration dropped (dh→d, bh→b, th→t, ھ), doubles single (mm→m, ll→l),
 *               kh/gh/sh/ch kept apart as K/G/S/C, ph→f, q/c→k, v→w, z→j, x→ks
 *   vowels      a leading vowel → "a"; medial vowels dropped; the final one → a, i (i/e/ee/ai/y) or u (o/u)
 *
 * Two Roman words carry more (their vowels), so `compareWords` compares those by a finer key that
 * keeps medial vowel classes too ("dad" ≠ "doodh"). Pure, no dependencies; rough on purpose — it
 * only feeds the fallback that runs when an exact word match finds nothing.
 */
import { lruCache } from './lru.ts';

/** Arabic-script vowel marks, shadda, small alef, hamza/madda above, tatweel, ZWNJ/ZWJ. */
const ARABIC_MARKS = /[\u064B-\u065F\u0670\u0640\u200C\u200D]/g;
const ARABIC_LETTER = /[\u0600-\u06FF]/;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Urdu consonant letters to the Roman spelling a person would use. */
const URDU_CONSONANT: Record<string, string> = {
  'ب': 'b', 'پ': 'p', 'ت': 't', 'ٹ': 't', 'ط': 't', 'ث': 's', 'س': 's', 'ص': 's', 'ج': 'j', 'چ': 'ch',
  'خ': 'kh', 'د': 'd', 'ڈ': 'd', 'ذ': 'z', 'ز': 'z', 'ض': 'z', 'ظ': 'z', 'ژ': 'zh', 'ر': 'r', 'ڑ': 'r',
  'ش': 'sh', 'غ': 'gh', 'ف': 'f', 'ق': 'q', 'ک': 'k', 'ك': 'k', 'گ': 'g', 'ل': 'l', 'م': 'm', 'ن': 'n',
  'ں': 'n', 'ھ': 'h', 'ء': '',
};
/** Letters that are vowels (or may be, see roles below). */
const URDU_ALEF = new Set(['ا', 'آ', 'ع']);
const URDU_YE = new Set(['ی', 'ي', 'ى', 'ئ']);
const URDU_BARI_YE = new Set(['ے', 'ۓ']);
const URDU_WAW = new Set(['و', 'ؤ']);
const URDU_HE = new Set(['ہ', 'ه', 'ۂ', 'ح']);
const URDU_TA_MARBUTA = new Set(['ة', 'ۃ']);
/** Letters that may end a word as its vowel (و is left out: before a final ا it is the consonant w, "dawa"). */
const URDU_TRAILING_VOWEL = new Set([...URDU_ALEF, ...URDU_YE, ...URDU_BARI_YE, 'ء']);

/**
 * Urdu script to a Roman spelling. و and ی are consonants (w, y) at the start or before a vowel,
 * vowels otherwise; decided right to left because the next letter's role decides ("kyun" کیوں: و is a
 * vowel, so ی is y; "biwi" بیوی: the last ی is a vowel, so و is w, so the first ی is a vowel).
 * ہ/ح after a consonant get a short "a" before them, so "kehna" کہنا is not read as kh + na;
 * a final ہ after a consonant is the vowel a ("bachcha" بچہ).
 */
function urduToRoman(word: string): string {
  const letters = [...word];
  let tail = letters.length;
  while (tail > 1 && URDU_TRAILING_VOWEL.has(letters[tail - 1]!)) tail--;
  const vowel: boolean[] = Array<boolean>(letters.length).fill(false);
  for (let i = letters.length - 1; i >= 0; i--) {
    const c = letters[i]!;
    const next = letters[i + 1];
    const nextIsVowel = next !== undefined && (URDU_ALEF.has(next) || URDU_BARI_YE.has(next) || ((URDU_YE.has(next) || URDU_WAW.has(next)) && vowel[i + 1]!));
    if (URDU_ALEF.has(c) || URDU_BARI_YE.has(c) || URDU_TA_MARBUTA.has(c)) vowel[i] = true;
    else if (URDU_YE.has(c)) vowel[i] = i > 0 && (i >= tail || !nextIsVowel);
    else if (URDU_WAW.has(c)) vowel[i] = i > 0 && !nextIsVowel;
  }
  let out = '';
  letters.forEach((c, i) => {
    const afterConsonant = i > 0 && !vowel[i - 1] && letters[i - 1] !== 'ھ';
    if (URDU_ALEF.has(c) || URDU_TA_MARBUTA.has(c)) out += 'a';
    else if (URDU_BARI_YE.has(c)) out += 'e';
    else if (URDU_YE.has(c)) out += vowel[i] ? 'i' : 'y';
    else if (URDU_WAW.has(c)) out += vowel[i] ? 'o' : 'w';
    else if (URDU_HE.has(c)) {
      if (c !== 'ح' && i === letters.length - 1 && afterConsonant) out += 'a';
      else out += afterConsonant ? 'ah' : 'h';
    } else out += URDU_CONSONANT[c] ?? c;
  });
  return out;
}

/** Roman letter groups folded before reading the word (one pass; alternatives in order: chh before ch before c). */
const ROMAN_FOLD = /chh|ch|sh|kh|gh|ph|ck|[cqxvz]/g;
const ROMAN_FOLDED: Record<string, string> = {
  chh: 'C', ch: 'C', sh: 'S', kh: 'K', gh: 'G', ph: 'f', ck: 'k', c: 'k', q: 'k', x: 'ks', v: 'w', z: 'j',
};
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
/** A medial vowel group's class for the fine (Roman-only) key: long/short and common spellings fold. */
const MEDIAL_CLASS: Record<string, string> = { aa: 'a', ee: 'i', ii: 'i', ea: 'i', oo: 'u', uu: 'u', ou: 'u', au: 'u', o: 'u', ai: 'e', ay: 'e', ei: 'e', ey: 'e' };

/** The final vowel group's class: a, i (i, e, ee, ai, ay, y …) or u (o, u …). */
function finalClass(group: string): string {
  const last = group[group.length - 1]!;
  return last === 'a' ? 'a' : last === 'o' || last === 'u' ? 'u' : 'i';
}

/** The coarse (cross-script) and fine (vowel-keeping) keys of one Roman-spelled word. */
function romanKeys(spelled: string): { coarse: string; fine: string } {
  const plain = /^[\x00-\x7f]*$/.test(spelled) ? spelled : spelled.normalize('NFD').replace(/\p{M}/gu, '');
  const s = plain.toLowerCase().replace(ROMAN_FOLD, (m) => ROMAN_FOLDED[m]!);
  // y is a consonant at the start or before a vowel, a vowel otherwise ("ammy", "gaya" ends in a vowel group).
  let tail = s.length;
  while (tail > 1 && (VOWELS.has(s[tail - 1]!) || s[tail - 1] === 'y')) tail--;
  const isVowel = (i: number): boolean => {
    const c = s[i]!;
    if (VOWELS.has(c)) return true;
    if (c !== 'y') return false;
    return i > 0 && (i >= tail || !VOWELS.has(s[i + 1] ?? ''));
  };
  let coarse = '';
  let fine = '';
  let i = 0;
  let last = '';
  while (i < s.length) {
    if (isVowel(i)) {
      let j = i;
      while (j < s.length && isVowel(j)) j++;
      const group = s.slice(i, j);
      const mark = i === 0 ? 'a' : j === s.length ? finalClass(group) : null;
      if (mark !== null) {
        coarse += mark;
        fine += mark;
      } else {
        const key = group.length > 2 ? group.slice(0, 2) : group;
        fine += MEDIAL_CLASS[key] ?? MEDIAL_CLASS[key[0]!] ?? key[0]!;
      }
      last = '';
      i = j;
      continue;
    }
    const c = s[i]!;
    const prev = s[i - 1];
    // h right after a consonant is aspiration (dh, bh, th, ھ); doubled consonants are one.
    const skip = (c === 'h' && prev !== undefined && !isVowel(i - 1)) || c === last;
    if (!skip) {
      coarse += c;
      fine += c;
      last = c;
    }
    i++;
  }
  return { coarse, fine };
}

/** One word's keys, computed once when a word is compared with many (see `compareKeys`). */
export interface PhoneticWord {
  /** The cross-script key. */
  coarse: string;
  /** The key that keeps medial vowel classes, for comparing two Roman words. */
  fine: string;
  /** Written in Roman (Latin) letters, not Urdu script. */
  roman: boolean;
}

/** Both keys of one word in any script. */
export function phoneticWord(word: string): PhoneticWord {
  let known = KEYS.get(word);
  if (!known) {
    const clean = word.normalize('NFC').replace(ARABIC_MARKS, '');
    const roman = !ARABIC_LETTER.test(clean);
    const spelled = roman ? clean : urduToRoman(clean.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) % 16)));
    known = { ...romanKeys(spelled), roman };
    KEYS.set(word, known);
  }
  return known;
}

/**
 * Keys of words seen lately: a sound-alike lookup keys the same titles again and again (every
 * search that finds nothing by its words reads the newest items). Bounded.
 */
const KEYS = lruCache<string, PhoneticWord>({ max: 20_000 });

/** The words of `text` (letters, digits and marks of any script), in order. */
export function phoneticWords(text: string): string[] {
  return [...text.normalize('NFC').replace(ARABIC_MARKS, '').matchAll(WORD)].map((m) => m[0]).filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/**
 * The cross-script key of `text`: one key per word, space-separated ("doodh lena" and "دودھ لینا"
 * both give "dd lna"). Compare keys, not raw strings.
 */
export function phoneticKey(text: string): string {
  return phoneticWords(text).map((w) => phoneticWord(w).coarse).join(' ');
}

/** How alike two words sound: the same key, a key one edit apart, or different. */
export type WordLikeness = 'same' | 'close' | 'different';

/**
 * Compares two single words. Two Roman words compare by the fine key (their vowels count), any
 * pair involving Urdu script by the cross-script key. Fine keys of 4 or more characters (cross-script
 * keys of 5 or more) may differ by one edit ("shehar"/"shahar", "mehndi"/"mehendi") as long as the
 * first and last stay the same — the last is the final vowel, so "dada" and "dadi" stay different;
 * shorter keys must be equal.
 */
export function compareWords(a: string, b: string): WordLikeness {
  return compareKeys(phoneticWord(a), phoneticWord(b));
}

/** `compareWords` on keys made once by `phoneticWord`. */
export function compareKeys(ka: PhoneticWord, kb: PhoneticWord): WordLikeness {
  const both = ka.roman && kb.roman;
  const x = both ? ka.fine : ka.coarse;
  const y = both ? kb.fine : kb.coarse;
  if (x.length === 0 || y.length === 0) return 'different';
  if (x === y) return 'same';
  // Consonant-only keys are denser, so they need one more letter before an edit is forgiven ("dktr" ≠ "dftr").
  const min = both ? 4 : 5;
  const close = x.length >= min && y.length >= min && x[0] === y[0] && x[x.length - 1] === y[y.length - 1] && editDistanceAtMostOne(x, y);
  return close ? 'close' : 'different';
}

/** True when two words sound alike by `compareWords` (same or close). */
export function soundsAlike(a: string, b: string): boolean {
  return compareWords(a, b) !== 'different';
}

/** Levenshtein distance ≤ 1, in one pass. */
function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { i++; j++; continue; }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else { i++; j++; }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}
