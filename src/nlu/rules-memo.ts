/**
 * Memos: "save a note: car parked on level 3", "new note titled gift ideas: ...", "jot this down",
 * "i have to remember that ...", "نوٹ کر لیں کہ ...", "note kar lo: ..."; listing ("show notes about
 * gift ideas") and deleting ("delete the note about the parking spot").
 */
import { rx, tidy } from './work-text.ts';
import { contentFrom, refFrom } from './fillers.ts';
import { result, type Msg, type RuleResult } from './message.ts';
import { SHOW_EN, SHOW_UR, DELETE_EN, DELETE_UR, MEMO_NOUNS, UR_AUX } from './vocab.ts';

const TITLED = rx('^[\\s\\S]*?‹(?:note|memo)›\\s*(?:titled|called|named|title)\\s*[:\\-]?\\s*["\']?(.+?)["\']?\\s*[:\\-–—]\\s+([\\s\\S]+)$');

const EN_CREATE = rx(
  '^[\\s,]*(?:(?:please|pls|hey|ok|okay|can you|could you|kindly)[\\s,]+)*(?:' +
  '(?:(?:save|make|take|add|create|write|new|quick|keep)\\s+(?:a\\s+|this\\s+(?:as\\s+a\\s+)?|as\\s+a\\s+)?(?:new\\s+)?(?:note|memo)(?:\\s+(?:that|of|to\\s+self|saying))?)|' +
  '(?:note|memo)(?:\\s+(?:to\\s+self|that|this|down))?\\s*(?=[:\\-–—])|' +
  '(?:note|memo)\\s+(?:to\\s+self|that|this\\s+down|down)|' +
  '(?:jot|write|note|put)\\s+(?:this\\s+|that\\s+|it\\s+)?down(?:\\s+that)?|' +
  '(?:please\\s+)?remember\\s+(?:that|this)|' +
  'for\\s+the\\s+record|fyi' +
  ')›\\s*[:\\-–—]?',
);
const EN_REMEMBER = rx("^[\\s,]*(?:i\\s+)?(?:have|need|want|got)\\s+to\\s+remember\\s+(?:that\\s+)?|^[\\s,]*(?:i\\s+)?(?:must|should)\\s+remember\\s+(?:that\\s+)?|^[\\s,]*(?:keep\\s+in\\s+mind|don'?t\\s+forget)\\s+that\\s+");
const UR_CREATE = rx(
  `(?:‹(?:نوٹ|note|notes)\\s*(?:کر|لکھ|kar|kr|likh|bana|بنا)${UR_AUX}|‹(?:لکھ|likh)\\s*(?:لیں|لو|lo|lein|len|lijiye|لیجیے)|` +
  `‹(?:یاد\\s*رکھ(?:یں|و|نا|ئیں|یے|ئے|لیں|لو)?|yaad\\s*rakh(?:na|o|ein|en|lo|lena|iye|ain)?)›)` +
  `(?:\\s*(?:کہ|ke|ki|k|that)›)?\\s*[:\\-–—]?`,
);

/** The create_memo rule. */
export function createMemoRule(m: Msg): RuleResult | null {
  const titled = TITLED.exec(m.key);
  if (titled && /^[\s,]*(?:(?:new|create|save|add|make|a|start)\s+)*(?:a\s+)?(?:note|memo)/i.test(m.key)) {
    const t0 = m.key.indexOf(titled[1]!);
    const title = tidy(m.work.clean.slice(t0, t0 + titled[1]!.length));
    const c0 = m.key.length - titled[2]!.length;
    return result('create_memo', { content: tidy(m.work.clean.slice(c0)), title });
  }
  const hit = m.work.blankFirst(EN_CREATE) ?? m.work.blankFirst(EN_REMEMBER) ?? m.work.blankFirst(UR_CREATE);
  if (!hit) return null;
  return result('create_memo', { content: contentFrom(m.work) }, ['content']);
}

const ABOUT_AFTER = rx('‹(?:about|abt|on|regarding|related\\s+to|re|for|with|containing|mentioning|that\\s+mention|titled|called|named)›');
const ABOUT_BEFORE = rx('‹(?:کے\\s*بارے\\s*میں|ke\\s*(?:baare|bare|bary)\\s*(?:mein|main|me)|se\\s*related|سے\\s*متعلق|wale|wali|والے|والی)›');
const QUERY_NOISE = rx(`${MEMO_NOUNS}|${SHOW_EN}|${SHOW_UR}|‹(?:all|my|میرے|میری|سارے|mere|meri|saare|sare|sab)›`, 'giu');
const SHOW_MEMOS = rx(`(?:${SHOW_EN}|${SHOW_UR})[\\s\\S]*${MEMO_NOUNS}|${MEMO_NOUNS}[\\s\\S]*(?:${SHOW_UR})|^[\\s]*(?:my\\s+|all\\s+)?(?:notes|memos)[\\s?.!]*$`);

/** The list_memos rule: a request to see notes, optionally about something. */
export function listMemosRule(m: Msg): RuleResult | null {
  if (!SHOW_MEMOS.test(m.key)) return null;
  let query: string | undefined;
  const after = ABOUT_AFTER.exec(m.key);
  const before = after ? null : ABOUT_BEFORE.exec(m.key);
  if (after) query = refFrom(sliceWork(m, after.index + after[0].length, m.key.length));
  else if (before) query = refFrom(sliceWork(m, 0, before.index));
  if (query !== undefined) {
    query = query.replace(QUERY_NOISE, ' ').replace(/\s+/g, ' ').trim() || undefined;
  }
  return result('list_memos', { query });
}

function sliceWork(m: Msg, start: number, end: number) {
  const w = m.work.copy();
  w.blank(end, w.key.length);
  w.blank(0, start);
  return w;
}

const DELETE_MEMO = rx(`(?:${DELETE_EN}|${DELETE_UR})[\\s\\S]*${MEMO_NOUNS}|${MEMO_NOUNS}[\\s\\S]*(?:${DELETE_EN}|${DELETE_UR})`);

/** Urdu first: its helper verbs ("delete kar do", "ڈیلیٹ کر دیں") go with it. */
const DELETE_VERBS = rx(`${DELETE_UR}|${DELETE_EN}`, 'giu');
/** A helper verb left on its own once the delete word went ("wifi wala note | kar do"). */
const AUX_ALONE = rx(
  '‹(?:کر|کرو|کریں|کردو|کردیں|kar|kr|karo|kro|karen|karein|krein|kardo|krdo|kardein|krden)›' +
  '(?:\\s*‹(?:دیں|دو|دیجیے|دیجئے|دینا|دے|لیں|لو|dein|den|do|dena|dijiye|dijye|de|lein|len|lo)›)?(?:\\s*‹(?:please|plz|پلیز|na|نا)›)?[\\s.!]*$',
);
const MEMO_WORDS = rx(`‹(?:the|my|a|this|that)?\\s*(?:(?:wala|wali|wale|والا|والی|والے)\\s*)?${MEMO_NOUNS}\\s*(?:about|abt|on|regarding|related\\s+to|for|titled|called|named|کے\\s*بارے\\s*میں|ke\\s*(?:baare|bare)\\s*(?:mein|main|me)|wala|wali|والا|والی|والے)?›`, 'giu');
const MEMO_PLACE = rx('‹(?:from|in)\\s+(?:my\\s+)?(?:notes|memos)›|‹(?:سے|se)›\\s*$', 'giu');

/** The delete_memo rule: removing a note, picked by its words. */
export function deleteMemoRule(m: Msg): RuleResult | null {
  if (!DELETE_MEMO.test(m.key)) return null;
  m.work.blankAll(DELETE_VERBS);
  m.work.blankAll(MEMO_WORDS);
  m.work.blankAll(MEMO_PLACE);
  m.work.blankFirst(AUX_ALONE);
  return result('delete_memo', { ref: refFrom(m.work) }, ['ref']);
}
