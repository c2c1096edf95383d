/**
 * Optional params several intents share: priority, category, list filters and event ranges.
 * Each is taken only when the message states it (an invented priority counts as an error).
 */
import type { EventRange, TodoFilter } from '../core/list-filters.ts';
import { rx, Work } from './work-text.ts';

type Priority = 'low' | 'medium' | 'high';

/** Phrases that can only mean a priority, wherever they stand ("high priority", "asap", "it's urgent"). */
const PRIORITY: ReadonlyArray<[RegExp, Priority]> = [
  [rx('[,(\\s]*‹(?:(?:it\'?s|its|is)\\s+)?(?:low(?:est)?[\\s-]*(?:priority|prio|pri)|priority\\s*[:=]?\\s*low|not\\s+(?:urgent|important)|no\\s+rush|kam\\s+ahem|کم\\s+اہم|غیر\\s+ضروری)›[)]?'), 'low'],
  [rx('[,(\\s]*‹(?:(?:it\'?s|its|is)\\s+)?(?:medium[\\s-]*(?:priority|prio|pri)|normal\\s+priority|mid[\\s-]*priority|priority\\s*[:=]?\\s*(?:medium|normal))›[)]?'), 'medium'],
  [rx('[,(\\s]*‹(?:(?:it\'?s|its|is)\\s+)?(?:(?:high(?:est)?|urgent|top)[\\s-]*(?:priority|prio|pri)|priority\\s*[:=]?\\s*high|asap|p1)›[)!]*'), 'high'],
  [rx('[,(\\s]*‹(?:it\'?s|its|is|this\\s+is|that\\s+is)\\s+(?:(?:very|super|really|so)\\s+)?(?:urgent|important|critical)›[)!]*'), 'high'],
  [rx('[,،(\\s]*‹(?:(?:بہت|bohat|bahut)\\s+)?(?:ضروری|اہم|فوری|zaroori|zaruri|zarori|fori|urgent)\\s*(?:ہے|hai|h)›'), 'high'],
];

/**
 * Words that describe as well as rank ("urgent", "important", "ضروری"): a priority only when they
 * stand apart from the title (last, or set off by punctuation: "email the landlord, urgent",
 * "urgent: call the bank"), name the task itself ("an urgent task") or lead an instruction
 * ("urgent call the bank"). Inside a noun phrase they are the title's own words ("urgent report",
 * "send the important documents").
 */
const RANKING_WORD = rx('‹(?:(?:very|super|really|most|بہت|bohat|bahut)\\s+)?(?:urgent|important|critical|ضروری|اہم|فوری|zaroori|zaruri|zarori|fori)›', 'giu');
const APART_AFTER = rx('^\\s*(?:$|[,;:!.)\\-–—،؛?]|‹(?:task|todo|to-do|item|one|thing|کام|ٹاسک|kaam)›|‹(?:to|on|in|into|onto)\\s+(?:my|the|our)\\s+(?:\\w+\\s+)?(?:list|tasks|todos)›)');
const LEADS_INSTRUCTION = rx(
  '^\\s+(?:call|phone|ring|email|mail|text|message|send|pay|buy|get|fix|finish|submit|book|renew|reply|respond|check|' +
  'review|write|prepare|pick|return|file|sign|schedule|cancel|update|clean|order|contact|visit|complete|do|make|print|' +
  'upload|apply|talk|meet|follow|ask|tell|collect|deposit|transfer|repair|install|deploy|confirm|arrange|register|recharge|' +
  'take|bring|go|finalize|finalise|remind)›',
);
const STARTS_TITLE = rx('(?:^|[,;:(\\-–—،]|‹(?:add|new|create|make|put|todo|task|please|pls|also)›)\\s*$');

/** Whether the ranking word at [start, end) of `key` is a priority marker (see RANKING_WORD). */
function standsApart(key: string, start: number, end: number): boolean {
  const after = key.slice(end);
  return APART_AFTER.test(after) || (STARTS_TITLE.test(key.slice(0, start)) && LEADS_INSTRUCTION.test(after));
}

/**
 * Reads a stated priority and blanks its words (every marker, so "asap, urgent" leaves no trace);
 * undefined when none was stated. Explicit phrases rank first, in the order low, medium, high.
 */
export function takePriority(work: Work): Priority | undefined {
  let level: Priority | undefined;
  for (const [re, l] of PRIORITY) {
    if (work.blankAll(re)) level ??= l;
  }
  const apart = [...work.key.matchAll(RANKING_WORD)].filter((m) => standsApart(work.key, m.index, m.index + m[0].length));
  for (const m of apart) work.blank(m.index, m.index + m[0].length);
  return level ?? (apart.length ? 'high' : undefined);
}

const CAT_WORD: Record<string, 'work' | 'personal' | 'home' | 'other'> = {
  work: 'work', office: 'work', job: 'work', personal: 'personal', private: 'personal', home: 'home',
  house: 'home', household: 'home', other: 'other', misc: 'other',
  'دفتر': 'work', 'دفتری': 'work', 'آفس': 'work', 'ذاتی': 'personal', 'گھر': 'home', 'گھریلو': 'home',
  daftar: 'work', zaati: 'personal', ghar: 'home', gharelu: 'home',
};
const CAT = '(work|office|job|personal|private|home|house|household|other|misc)';
const CAT_UR = '(دفتری|دفتر|آفس|ذاتی|گھریلو|گھر|office|daftar|zaati|personal|ghar|gharelu|home|work)';
const CATEGORY: readonly RegExp[] = [
  rx(`[,\\s]*‹(?:to|on|in|onto|into|for)\\s+(?:my|the|our)\\s+${CAT}\\s+(?:list|tasks|todos|todo list|task list|stuff)›`),
  rx(`[,(\\s]*‹(?:it'?s|its|this\\s+is|that'?s|category\\s*[:=]?|under|as|tag(?:ged)?\\s*(?:as|with)?)\\s*(?:a\\s+)?${CAT}(?:\\s+(?:one|thing|task|stuff))?›[)]?`),
  rx(`[,(\\s]*‹(?:for)\\s+${CAT}›[)]?(?=[\\s,.!]*$)`),
  rx(`,\\s*${CAT}›[\\s.!]*$`),
  rx(`^[\\s,]*(?:(?:add|create|new|make)\\s+(?:a\\s+)?)?${CAT}\\s+(?=(?:task|todo)›)`),
  rx(`‹${CAT_UR}\\s*(?:کے|کی|کا|ke|ki|ka)\\s*(?:کاموں|کام|ٹاسک|kaamon|kamon|kaam|kaamo|tasks?|list)(?:\\s*(?:کی|ki))?(?:\\s*(?:لسٹ|فہرست|list))?\\s*(?:میں|mein|main|me)›`),
  rx(`‹${CAT_UR}\\s*(?:کے|کی|کا|ke|ki|ka)\\s*(?:کاموں|کام|ٹاسک|kaamon|kamon|kaam|kaamo|tasks?)›`),
];
const LIST_CATEGORY = rx(`‹${CAT}\\s+(?:tasks|todos|items|stuff|list|to-dos)›`);

/** Reads a stated category ("home list", ", work", "it's personal", "گھر کے کاموں میں"). */
export function takeCategory(work: Work): 'work' | 'personal' | 'home' | 'other' | undefined {
  for (const re of CATEGORY) {
    const m = work.blankFirst(re);
    if (m) return CAT_WORD[(m[1] ?? '').toLowerCase()];
  }
  return undefined;
}

/** Category named in a listing request ("which work tasks are open"). */
export function listCategory(key: string): 'work' | 'personal' | 'home' | 'other' | undefined {
  const m = LIST_CATEGORY.exec(key) ?? CATEGORY[5]!.exec(key) ?? CATEGORY[6]!.exec(key);
  return m ? CAT_WORD[(m[1] ?? '').toLowerCase()] : undefined;
}

/** Words for each todo filter (the values are core's TODO_FILTERS, checked by the type). */
const FILTERS: ReadonlyArray<[RegExp, TodoFilter]> = [
  [rx('‹(?:overdue|late|past\\s+due|missed|behind|expired|لیٹ|تاریخ\\s+گزر|overdue)›'), 'overdue'],
  [rx('‹(?:did\\s+i\\s+(?:finish|complete|do|get\\s+done|tick\\s+off)|i\\s+(?:finished|completed|did)|completed|complete|done|finished|ticked|مکمل|ہو\\s+چکے|ho\\s+chuke|mukammal|kiye\\s+hue)›'), 'done'],
  [rx('‹(?:open|pending|still|remaining|left|incomplete|unfinished|outstanding|not\\s+done|undone|active|باقی|نامکمل|baqi|baaki|baki|pending)›'), 'open'],
  [rx('‹(?:today|today\'s|tonight|آج|aaj|aj)›'), 'today'],
  [rx('‹(?:tomorrow|tomorrow\'s|کل|kal)›'), 'tomorrow'],
  [rx('‹(?:this\\s+week|week|weekly|اس\\s+ہفتے|is\\s+hafte|hafte)›'), 'week'],
  [rx('‹(?:all|every|everything|سارے|تمام|سب|saare|sare|sab|tamam)›'), 'all'],
];

/** The list_todos filter the message states, if any. */
export function todoFilter(key: string): TodoFilter | undefined {
  for (const [re, f] of FILTERS) if (re.test(key)) return f;
  return undefined;
}

/** Words for each event range (core's EVENT_RANGES). */
const RANGES: ReadonlyArray<[RegExp, EventRange]> = [
  [rx('‹(?:next\\s+week|next\\s+7\\s+days|coming\\s+week|اگلے\\s+ہفتے|اگلا\\s+ہفتہ|agle\\s+hafte|agla\\s+hafta|aglay\\s+haftay)›'), 'next_week'],
  [rx('‹(?:this\\s+month|month|monthly|اس\\s+مہینے|اس\\s+ماہ|مہینے|is\\s+mahine|mahine|is\\s+month)›'), 'month'],
  [rx('‹(?:this\\s+week|week|اس\\s+ہفتے|is\\s+hafte|hafte|ہفتے)›'), 'week'],
  [rx('‹(?:tomorrow|tomorrow\'s|کل|kal)›'), 'tomorrow'],
  [rx('‹(?:today|today\'s|tonight|آج|aaj|aj)›'), 'today'],
];

/** The list_events range the message states, if any. */
export function eventRange(key: string): EventRange | undefined {
  for (const [re, r] of RANGES) if (re.test(key)) return r;
  return undefined;
}

/** A priority given as a bare value ("ki priority high kar do", "ترجیح کم کر دیں"). */
export function priorityValue(text: string): Priority | undefined {
  const w = new Work(text);
  const stated = takePriority(w);
  if (stated) return stated;
  const k = w.key;
  if (/(?:^|\s)(?:high|highest|top|zyada|ziada|zyaada|ooncha|oonchi|unchi|زیادہ|اونچی|بڑی|اعلیٰ|اعلی|urgent|zaroori|zaruri|ضروری|اہم|fori|فوری)(?:\s|$)/u.test(k)) return 'high';
  if (/(?:^|\s)(?:low|lowest|kam|کم|neechi|نیچی)(?:\s|$)/u.test(k)) return 'low';
  if (/(?:^|\s)(?:medium|normal|mid|darmiyani|درمیانی|نارمل)(?:\s|$)/u.test(k)) return 'medium';
  return undefined;
}
