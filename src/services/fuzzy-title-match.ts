/**
 * The fallback when an item named by words is not found by its exact words: the same word in
 * another script or spelling ("دودھ" for the todo "doodh lena", "dudh" for "doodh", "bijlee ka bil"
 * for "bijli ka bill"). The ref's content words are compared with the item's words by phonetic key
 * (core/transliteration.ts); filler words of English, Roman Urdu and Urdu ("wala", "kaam", "کا",
 * "the") do not count. Used by every service's findByWords and by search, over a bounded pool of
 * the scope's newest items, so it stays one place.
 */
import { compareKeys, phoneticWord, phoneticWords } from '../core/transliteration.ts';
import { lruCache } from '../core/lru.ts';

/** How many of a scope's newest items of one kind the fallback reads. */
export const SOUND_ALIKE_POOL = 500;
/** At most this many content words of a ref, and words of an item's text, are compared. */
const MAX_REF_WORDS = 8;
const MAX_ITEM_WORDS = 60;

/**
 * Words that only frame a request ("the milk one", "doodh wala kaam", "دودھ والا کام ہو گیا").
 * Roman words are compared with repeated letters folded ("waala" = "wala", "kaam" = "kam").
 */
const FILLER_WORDS = [
  // English
  'a', 'an', 'the', 'my', 'our', 'your', 'his', 'her', 'their', 'this', 'that', 'these', 'those', 'it', 'one', 'ones',
  'to', 'of', 'for', 'in', 'on', 'at', 'with', 'about', 'and', 'or', 'is', 'was', 'be', 'please', 'pls', 'thing',
  'task', 'todo', 'item', 'reminder', 'event', 'note', 'memo', 'done', 'do', 'did', 'finished', 'complete', 'completed',
  // Roman Urdu
  'wala', 'wali', 'wale', 'vala', 'vali', 'vale', 'walay', 'kam', 'ka', 'ki', 'ke', 'kay', 'ko', 'se', 'say', 'ne', 'hai', 'hain', 'he',
  'ho', 'hogaya', 'hogya', 'hogai', 'gaya', 'gya', 'gayi', 'gai', 'gaye', 'kar', 'karo', 'kardo', 'kardia', 'kardiya', 'diya', 'dia',
  'liya', 'lia', 'wo', 'woh', 'ye', 'yeh', 'mera', 'meri', 'mere', 'apna', 'apni', 'apne', 'tha', 'thi', 'bhi', 'aur',
  'to', 'toh', 'mein', 'main', 'me', 'par', 'pe', 'jo', 'wohi', 'yehi', 'zara', 'plz',
  // Urdu script
  'والا', 'والی', 'والے', 'کام', 'کا', 'کی', 'کے', 'کو', 'سے', 'نے', 'ہے', 'ہیں', 'ہو', 'ہوگیا', 'گیا', 'گئی', 'گئے',
  'کر', 'کرو', 'کردو', 'دیا', 'لیا', 'وہ', 'یہ', 'میرا', 'میری', 'میرے', 'اپنا', 'اپنی', 'اپنے', 'تھا', 'تھی', 'بھی',
  'اور', 'تو', 'میں', 'پر', 'جو', 'ذرا',
];
const foldFiller = (w: string): string => w.toLowerCase().replace(/(.)\1+/gu, '$1');
const FILLERS = new Set(FILLER_WORDS.map(foldFiller));

/** The ref's words that name the item: fillers dropped, duplicates once, at most MAX_REF_WORDS. */
export function contentWords(text: string | readonly string[]): string[] {
  const words = phoneticWords(typeof text === 'string' ? text : text.join(' ')).filter((w) => !FILLERS.has(foldFiller(w)) && !/^\p{N}+$/u.test(w));
  return [...new Set(words.map((w) => w.toLowerCase()))].slice(0, MAX_REF_WORDS);
}

/** An item text's words, remembered: the same titles are compared on every lookup that falls back here. */
const TEXT_WORDS = lruCache<string, string[]>({ max: 5_000 });
function wordsOf(text: string): string[] {
  let words = TEXT_WORDS.get(text);
  if (!words) {
    words = phoneticWords(text).slice(0, MAX_ITEM_WORDS);
    TEXT_WORDS.set(text, words);
  }
  return words;
}

/** One item that sounds like the ref, and how well (2 per word with the same key, 1 per close one). */
export interface SoundAlikeHit<T> {
  item: T;
  score: number;
  /** Every content word of the item's text was matched by the ref (the item is just what was said). */
  whole: boolean;
}

/**
 * The items whose text contains the ref's content words by sound, best first (newest first on a
 * tie, as the pool comes). Every content word must match for refs of one or two words; longer refs
 * may miss one (a stray word the parser left in).
 */
export function rankBySound<T>(ref: string | readonly string[], items: readonly T[], texts: (item: T) => readonly (string | null)[]): SoundAlikeHit<T>[] {
  const wanted = contentWords(ref).map(phoneticWord);
  if (wanted.length === 0) return [];
  const needed = wanted.length <= 2 ? wanted.length : wanted.length - 1;
  const hits: SoundAlikeHit<T>[] = [];
  for (const item of items) {
    const words = texts(item).flatMap((t) => (t ? wordsOf(t) : [])).slice(0, MAX_ITEM_WORDS);
    const have = words.map(phoneticWord);
    let score = 0;
    let matched = 0;
    const used = new Set<number>();
    for (const w of wanted) {
      let best = 0;
      have.forEach((h, i) => {
        const likeness = compareKeys(w, h);
        const s = likeness === 'same' ? 2 : likeness === 'close' ? 1 : 0;
        if (s > 0) used.add(i);
        best = Math.max(best, s);
      });
      if (best > 0) matched++;
      score += best;
    }
    if (matched < needed) continue;
    const whole = words.every((h, i) => used.has(i) || FILLERS.has(foldFiller(h)));
    hits.push({ item, score, whole });
  }
  return hits.sort((x, y) => y.score - x.score);
}

/**
 * The items a ref most likely means: the best-scoring ones (several on a tie, so the caller asks
 * which), and among those only the ones that are exactly the ref's words when there are such —
 * "dudh" picks "دودھ" over "دودھ لینا", as an exact title wins in the word search.
 */
export function bestBySound<T>(ref: string | readonly string[], items: readonly T[], texts: (item: T) => readonly (string | null)[], limit = 10): T[] {
  const hits = rankBySound(ref, items, texts);
  if (hits.length === 0) return [];
  const top = hits.filter((h) => h.score === hits[0]!.score);
  const whole = top.filter((h) => h.whole);
  return (whole.length > 0 ? whole : top).slice(0, limit).map((h) => h.item);
}
