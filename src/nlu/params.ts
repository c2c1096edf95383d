/**
 * Optional params several intents share: priority, category, list filters and event ranges.
 * Each is taken only when the message states it (an invented priority counts as an error).
 */
import { rx, type Work } from './work-text.ts';

const PRIORITY: ReadonlyArray<[RegExp, 'low' | 'medium' | 'high']> = [
  [rx('[,(\\s]*‹(?:(?:it\'?s|its|is)\\s+)?(?:low(?:est)?[\\s-]*(?:priority|prio|pri)|priority\\s*[:=]?\\s*low|not\\s+(?:urgent|important)|no\\s+rush|kam\\s+ahem|کم\\s+اہم|غیر\\s+ضروری)›[)]?'), 'low'],
  [rx('[,(\\s]*‹(?:(?:it\'?s|its|is)\\s+)?(?:medium[\\s-]*(?:priority|prio|pri)|normal\\s+priority|mid[\\s-]*priority|priority\\s*[:=]?\\s*(?:medium|normal))›[)]?'), 'medium'],
  [rx('[,(\\s]*‹(?:(?:it\'?s|its|is)\\s+)?(?:high(?:est)?[\\s-]*(?:priority|prio|pri)|top\\s+priority|priority\\s*[:=]?\\s*high|(?:very\\s+|super\\s+)?(?:urgent|important|critical)|asap|p1)›[)!]*'), 'high'],
  [rx('[,،(\\s]*‹(?:بہت\\s+)?(?:ضروری|اہم|فوری|zaroori|zaruri|zarori|bohat\\s+zaroori|urgent)›(?:\\s*(?:ہے|hai|h))?›'), 'high'],
];

/** Reads a stated priority and blanks its words; undefined when none was stated. */
export function takePriority(work: Work): 'low' | 'medium' | 'high' | undefined {
  for (const [re, level] of PRIORITY) {
    if (work.blankFirst(re)) return level;
  }
  return undefined;
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

const FILTERS: ReadonlyArray<[RegExp, string]> = [
  [rx('‹(?:overdue|late|past\\s+due|missed|behind|expired|لیٹ|تاریخ\\s+گزر|overdue)›'), 'overdue'],
  [rx('‹(?:completed|complete|done|finished|ticked|مکمل|ہو\\s+چکے|ho\\s+chuke|mukammal|kiye\\s+hue)›'), 'done'],
  [rx('‹(?:open|pending|still|remaining|left|incomplete|unfinished|outstanding|not\\s+done|undone|active|باقی|نامکمل|baqi|baaki|baki|pending)›'), 'open'],
  [rx('‹(?:today|today\'s|tonight|آج|aaj|aj)›'), 'today'],
  [rx('‹(?:tomorrow|tomorrow\'s|کل|kal)›'), 'tomorrow'],
  [rx('‹(?:this\\s+week|week|weekly|اس\\s+ہفتے|is\\s+hafte|hafte)›'), 'week'],
  [rx('‹(?:all|every|everything|سارے|تمام|سب|saare|sare|sab|tamam)›'), 'all'],
];

/** The list_todos filter the message states, if any. */
export function todoFilter(key: string): string | undefined {
  for (const [re, f] of FILTERS) if (re.test(key)) return f;
  return undefined;
}

const RANGES: ReadonlyArray<[RegExp, string]> = [
  [rx('‹(?:next\\s+week|next\\s+7\\s+days|coming\\s+week|اگلے\\s+ہفتے|اگلا\\s+ہفتہ|agle\\s+hafte|agla\\s+hafta|aglay\\s+haftay)›'), 'next_week'],
  [rx('‹(?:this\\s+month|month|monthly|اس\\s+مہینے|اس\\s+ماہ|مہینے|is\\s+mahine|mahine|is\\s+month)›'), 'month'],
  [rx('‹(?:this\\s+week|week|اس\\s+ہفتے|is\\s+hafte|hafte|ہفتے)›'), 'week'],
  [rx('‹(?:tomorrow|tomorrow\'s|کل|kal)›'), 'tomorrow'],
  [rx('‹(?:today|today\'s|tonight|آج|aaj|aj)›'), 'today'],
];

/** The list_events range the message states, if any. */
export function eventRange(key: string): string | undefined {
  for (const [re, r] of RANGES) if (re.test(key)) return r;
  return undefined;
}
