import { describe, expect, it } from 'vitest';
import { compareWords, phoneticKey, phoneticWords, soundsAlike } from '../../src/core/transliteration.ts';

/** The same word in Urdu script, Roman Urdu and common Roman spellings. */
const ALIKE: readonly [string, string][] = [
  // Roman spelling variants
  ['doodh', 'dudh'], ['dhoodh', 'doodh'], ['dhoodh', 'dudh'], ['bijli', 'bijlee'], ['bill', 'bil'],
  ['ammi', 'ami'], ['ammi', 'ammy'], ['shaadi', 'shadi'], ['shaadi', 'shadee'], ['lena', 'laina'],
  ['kaam', 'kam'], ['biwi', 'bivi'], ['biwi', 'beewi'], ['anday', 'ande'], ['pehle', 'pehlay'],
  ['shehar', 'shahar'], ['mehndi', 'mehendi'], ['sabzi', 'sabzee'], ['paani', 'pani'], ['mausam', 'mosam'],
  ['bachcha', 'bacha'], ['chai', 'chaye'], ['zaroori', 'zaruri'],
  // Urdu script and Roman
  ['doodh', 'دودھ'], ['dudh', 'دودھ'], ['dhoodh', 'دودھ'], ['bijli', 'بجلی'], ['bijlee', 'بجلی'], ['bill', 'بل'],
  ['ammi', 'امی'], ['shaadi', 'شادی'], ['shadi', 'شادی'], ['lena', 'لینا'], ['daal', 'دال'], ['doctor', 'ڈاکٹر'],
  ['meeting', 'میٹنگ'], ['sabzi', 'سبزی'], ['anday', 'انڈے'], ['dawai', 'دوائی'], ['chai', 'چائے'], ['bhai', 'بھائی'],
  ['biwi', 'بیوی'], ['kyun', 'کیوں'], ['khana', 'کھانا'], ['kehna', 'کہنا'], ['shehar', 'شہر'], ['pehle', 'پہلے'],
  ['subah', 'صبح'], ['bachcha', 'بچہ'], ['eid', 'عید'], ['pyaar', 'پیار'], ['hawa', 'ہوا'], ['ghar', 'گھر'],
  ['parhna', 'پڑھنا'], ['phal', 'پھل'], ['gaya', 'گیا'], ['liye', 'لیے'],
  // Urdu script with and without vowel marks
  ['دُودھ', 'دودھ'], ['شادی', 'شَادی'],
];

/** Different words that must stay apart. */
const APART: readonly [string, string][] = [
  ['doodh', 'daal'], ['doodh', 'dad'], ['dada', 'dadi'], ['wala', 'wali'], ['bijli', 'bill'], ['ammi', 'abbu'],
  ['lena', 'dena'], ['دودھ', 'دال'], ['doctor', 'daftar'], ['ڈاکٹر', 'daftar'], ['khana', 'kana'], ['ghar', 'gar'],
  ['shaadi', 'sadi'], ['chai', 'chabi'], ['lena', 'lene'], ['bazaar', 'bijli'], ['milk', 'doodh'],
];

describe('phoneticKey', () => {
  it('gives one key per word, the same for a phrase in either script', () => {
    expect(phoneticKey('doodh lena')).toBe(phoneticKey('دودھ لینا'));
    expect(phoneticKey('bijlee ka bil')).toBe(phoneticKey('bijli ka bill'));
    expect(phoneticKey('Doodh  LENA!')).toBe('dd lna');
    expect(phoneticKey('')).toBe('');
    expect(phoneticKey('۲ دودھ')).toBe('2 dd');
  });

  it('keeps kh, gh, sh and ch apart from k, g, s and c, and folds aspiration', () => {
    expect(phoneticKey('khana kana')).toBe('Kna kna');
    expect(phoneticKey('ghar gar')).toBe('Gr gr');
    expect(phoneticKey('shadi sadi')).toBe('Sdi sdi');
    expect(phoneticKey('dhobi dobi bhai bai')).toBe('dbi dbi bi bi');
  });
});

describe('compareWords', () => {
  it.each(ALIKE)('%s sounds like %s', (a, b) => {
    expect(soundsAlike(a, b)).toBe(true);
    expect(soundsAlike(b, a)).toBe(true);
  });

  it.each(APART)('%s does not sound like %s', (a, b) => {
    expect(compareWords(a, b)).toBe('different');
    expect(compareWords(b, a)).toBe('different');
  });

  it('tells an equal key from one a letter apart', () => {
    expect(compareWords('doodh', 'دودھ')).toBe('same');
    expect(compareWords('shehar', 'shahar')).toBe('close');
    expect(compareWords('', 'doodh')).toBe('different');
  });

  it('has enough cases', () => {
    expect(ALIKE.length).toBeGreaterThanOrEqual(30);
    expect(APART.length).toBeGreaterThanOrEqual(10);
  });
});

describe('phoneticWords', () => {
  it('splits any script into words, dropping vowel marks and punctuation', () => {
    expect(phoneticWords('دُودھ والا، کام!')).toEqual(['دودھ', 'والا', 'کام']);
    expect(phoneticWords('bijli-ka bill?')).toEqual(['bijli', 'ka', 'bill']);
  });
});
