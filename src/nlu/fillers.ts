/**
 * Words that carry no content: politeness, "remind me to", "mujhe", a dangling "hai". Titles,
 * texts and queries keep the user's own words, so these are trimmed from the edges of what the
 * intent rules leave behind (never from the middle, where they may belong to the title).
 */
import { rx, tidy, type Work } from './work-text.ts';

const LEAD_EN = rx(
  '^[\\s,.:;!\\-]*(?:‹(?:please|pls|kindly|hey|hi|hello|ok|okay|so|also|and|then|just|now|quickly|' +
  'can you|could you|would you|will you|can u|could u|pls|bot|clawchat|assistant|i want you to|' +
  // Voice assistants' wake words, as transcribed requests begin.
  'olly|alexa|siri|hey siri|cortana|ok google|hey google|' +
  "i'd like you to|i would like you to|go ahead and|help me|for me)›[\\s,.:;!\\-]*)+",
);
const LEAD_UR = rx(
  '^[\\s,.:;!\\-]*(?:‹(?:مجھے|مجھ کو|براہ کرم|برائے مہربانی|پلیز|ذرا|یار|بھائی|mujhe|mujhko|mjhe|muje|' +
  'please|zara|yaar|bhai|plz|meherbani)›[\\s,.:;!\\-]*)+',
);
const TRAIL_EN = rx('(?:[\\s,.:;!\\-]*‹(?:please|pls|thanks|thank you|thx|ty|asap|for me|ok|okay)›)+[\\s,.:;!?\\-]*$');
const TRAIL_UR = rx('(?:[\\s,.:;!\\-]*‹(?:پلیز|شکریہ|please|plz|yaar|یار|na|نا)›)+[\\s,.:;!?\\-]*$');
const TRAIL_COPULA = rx('(?:[\\s,]*‹(?:ہے|ہیں|hai|hain|hy|he)›)[\\s,.!?]*$');
/** A genitive left dangling once its noun went ("groceries ka | kaam add karo", "uthne ka | yaad dila do"). */
const TRAIL_GENITIVE = rx('(?:[\\s,]*‹(?:کا|کی|کے|ka|ki|ke|wala|wali|wale|والا|والی|والے)›)[\\s,.!?]*$');
const LEAD_LINKERS = rx('^[\\s,.:;!\\-]*(?:‹(?:to|about|abt|abut|bout|that|of|for|regarding|re)›[\\s,:\\-]*)+');
/**
 * A complementizer left at the front once the verb before it went ("yaad dilana | ke oven band
 * karna hai", "یاد دلانا | کہ بل جمع کروانا ہے"): only when words follow it.
 */
const LEAD_COMPLEMENTIZER = rx('^[\\s,.:;!\\-]*‹(?:کہ|ke|kay|ki|k)›[\\s,:\\-]*(?=\\S)');
const LEAD_ARTICLES = rx('^[\\s,.:;!\\-]*(?:‹(?:the|my|a|an|our|this|that|yeh|ye|یہ|وہ|woh|wo|is|us)›\\s*)+');

function blankWhile(work: Work, re: RegExp): void {
  for (let i = 0; i < 4; i++) {
    const m = re.exec(work.key);
    if (!m || m[0].trim() === '') return;
    work.blank(m.index, m.index + m[0].length);
  }
}

/** Trims politeness and filler from both ends of what is left. */
export function trimFillers(work: Work): void {
  blankWhile(work, LEAD_EN);
  blankWhile(work, LEAD_UR);
  blankWhile(work, TRAIL_EN);
  blankWhile(work, TRAIL_UR);
}

/** For memo content: fillers, and a genitive left dangling by the command ("گروسری کا | نوٹ بنا لو"). */
export function contentFrom(work: Work): string {
  trimFillers(work);
  blankWhile(work, LEAD_COMPLEMENTIZER);
  blankWhile(work, TRAIL_GENITIVE);
  return work.rest();
}

/**
 * For titles and reminder texts: also drops "to/about/that" left at the front ("remind me | to
 * call mom") and a closing "hai"/"ہے" ("shadi ka function hai"). Memo content keeps both.
 */
export function titleFrom(work: Work): string {
  trimFillers(work);
  blankWhile(work, LEAD_LINKERS);
  blankWhile(work, LEAD_COMPLEMENTIZER);
  blankWhile(work, TRAIL_COPULA);
  blankWhile(work, TRAIL_GENITIVE);
  trimFillers(work);
  return work.rest();
}

/** For refs ("the dry cleaning todo"): also drops leading articles and demonstratives. */
export function refFrom(work: Work): string {
  trimFillers(work);
  blankWhile(work, LEAD_LINKERS);
  blankWhile(work, LEAD_ARTICLES);
  blankWhile(work, TRAIL_COPULA);
  blankWhile(work, TRAIL_GENITIVE);
  return firstClause(work.rest());
}

/** "order birthday cake, we're not doing that anymore" → the part that names the item. */
export function firstClause(s: string): string {
  const parts = s.split(/[,،;]| - /).map(tidy).filter(Boolean);
  return parts[0] ?? '';
}
