/**
 * Which language a message in. Replies follow user's language, and the date and verb rules
 * differ by script, so this runs before anything else. Roman Urdu (Urdu typed in Latin letters) is
 * answered in Urdu, hence the two-valued detectLanguage over the three-valued variant.
 */
import type { Language, LanguageVariant } from './types.ts';

const ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/g;
const LATIN_LETTER = /[a-z]/gi;

/**
 * Roman Urdu words that are not also common English words ("do", "to", "me", "hi" are left out on
 * purpose). Two of them in a message, or one in a very short message, mark it as Roman Urdu.
 */
const ROMAN_URDU_WORDS = new Set((
  'hai hain hy hoga hogi hoon tha thi karo kardo kar karna karni karen karein kardein ' +
  'kariye kijiye krdo krna kro dena dedo dein diya dijiye lena lelo lo liya mein mujhe mjhe ' +
  'mera meri mere mere apna apni apne tum aap tera teri ka ki ke ko se sy aur bhi nahi ' +
  'nahin nai kya kia kyun kaise kaisay kahan kab kitna kitne kitni aaj aj kal parson parso parsoon ' +
  'subah subha dopahar dopehar shaam raat baje bje bajay bajey ghante ghanta baad pehle ' +
  'yaad dilana dilao dila dilado dikhao dikhaein dikhayen dikha batao bata btao daal dalo likh ' +
  'likho hata hatao mita mitao dhoondo dhundo dhoondh talash khatam mukammal gaya gayi gya liya wala ' +
  'wali wale sab kuch koi shukriya shukria meherbani yaar bohat bohot bahut madad acha accha ' +
  'theek thik jana jaana lena lana khana peena wapas agle agla pichle hafte hafta mahine mahina ' +
  'peer mangal budh jumeraat jumerat jummah jumma jumme juma itwar itwaar hafte zaroori zaruri ' +
  'kaam bhai behen ammi abbu abu amma baji bana banao banado rakh rakho rakhdo bhejo bhej ' +
  'karwana karwa nikalna nikalwana salam assalam walaikum tak abhi phir dobara chalu shuru'
).split(' '));

/** Words that look Roman Urdu but are everyday English; they never count on their own. */
const ENGLISH_LOOKALIKES = new Set(['bata', 'lo', 'karen', 'kal', 'ka', 'peer', 'aj', 'abu', 'tum', 'jana']);

const WORD = /[a-z']+/g;

/** 'en', 'ur' (Urdu script) or 'roman-ur', for picking date words and verb lists. */
export function detectLanguageVariant(text: string): LanguageVariant {
  if (!text) return 'en';
  const arabic = text.match(ARABIC_LETTER)?.length ?? 0;
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  if (arabic > 0 && arabic * 2 >= latin) return 'ur';
  const words = text.toLowerCase().match(WORD) ?? [];
  if (!words.length) return arabic > 0 ? 'ur' : 'en';
  let hits = 0;
  let strong = 0;
  for (const w of words) {
    if (!ROMAN_URDU_WORDS.has(w)) continue;
    hits++;
    if (!ENGLISH_LOOKALIKES.has(w)) strong++;
  }
  if (strong >= 2 || (strong >= 1 && hits >= 2) || (strong >= 1 && words.length <= 2)) return 'roman-ur';
  return arabic > 0 ? 'ur' : 'en';
}

/** The reply language: Urdu script or Roman Urdu gets 'ur', anything else 'en'. */
export function detectLanguage(text: string): Language {
  return detectLanguageVariant(text) === 'en' ? 'en' : 'ur';
}
