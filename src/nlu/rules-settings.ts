/**
 * Settings and summaries: set_timezone ("change my timezone to london", "mera timezone karachi kar
 * do"), set_language ("/lang ur", "زبان انگریزی کر دیں"), set_briefing ("send me the daily briefing
 * every morning at 7:30", "roz wali briefing band kar do"), get_stats and daily_briefing.
 */
import { rx } from './work-text.ts';
import { timeZoneParam } from './timezones.ts';
import { when, result, type Msg, type RuleResult } from './message.ts';
import { wallIn } from './when.ts';

const TZ_WORD = rx('‹(?:time\\s*-?\\s*zone|timezone|tz|ٹائم\\s*زون|ٹائم\\s*زون|وقت\\s*کا\\s*زون|منطقہ\\s*وقت)›');
const TZ_MOVE = rx("^[\\s]*(?:i'?m|i\\s+am|im|i'?ve|i\\s+have)\\s+(?:now\\s+)?(?:in|moved\\s+to|relocated\\s+to|living\\s+in|based\\s+in)\\s+.+(?:use|switch|set|change|update)[\\s\\S]*(?:time|clock)›");

/** The set_timezone rule. */
export function setTimezoneRule(m: Msg): RuleResult | null {
  if (!TZ_WORD.test(m.key) && !TZ_MOVE.test(m.key)) return null;
  if (/^\s*(?:what|which|kya|کیا|whats|what's)\b/i.test(m.key) && !/\b(?:set|change|switch|update)\b/.test(m.key)) return null;
  return result('set_timezone', { timezone: timeZoneParam(m.work.clean) }, ['timezone']);
}

const LANG_WORD = rx(
  '‹(?:language|lang|zaban|zabaan|زبان|لینگویج)›|' +
  '‹(?:speak|talk|reply|respond|answer|write|chat|switch|baat|jawab|بات|جواب)›[\\s\\S]*‹(?:english|urdu|انگریزی|اردو|angrezi|angraizi|inglish)›|' +
  '‹(?:english|urdu|انگریزی|اردو|angrezi|angraizi)\\s*(?:میں|mein|main|me|pe|par)\\s*(?:بات|جواب|baat|jawab|likho|likhen|لکھیں|reply|talk)›|' +
  '‹(?:switch|change)\\s+(?:to|into)\\s+(?:english|urdu)›',
);
const TO_UR = rx('‹(?:urdu|اردو|ur|roman\\s+urdu)›');
const TO_EN = rx('‹(?:english|انگریزی|angrezi|angraizi|inglish|en|eng)›');

/** The set_language rule. */
export function setLanguageRule(m: Msg): RuleResult | null {
  if (!LANG_WORD.test(m.key)) return null;
  if (/\b(?:translate|meaning|mean|word\s+for|how\s+do\s+you\s+say)\b/i.test(m.key)) return null;
  const ur = TO_UR.exec(m.key);
  const en = TO_EN.exec(m.key);
  let language: string | undefined;
  if (ur && en) language = ur.index > en.index ? 'ur' : 'en';
  else language = ur ? 'ur' : en ? 'en' : undefined;
  return result('set_language', { language }, ['language']);
}

const BRIEFING_WORD = rx('‹(?:briefing|briefings|brief|digest|morning\\s+summary|daily\\s+summary|بریفنگ|briefing)›');
const OFF = rx("‹(?:off|stop|disable|disabled|pause|no\\s+more|don'?t\\s+send|do\\s+not\\s+send|turn\\s+off|unsubscribe|cancel|band|بند|روک|ruk|rok|mat\\s+bhejo|مت\\s+بھیجو|mat|مت)›");
const ON = rx('‹(?:on|enable|enabled|start|resume|turn\\s+on|subscribe|chalu|shuru|شروع|چالو|آن|دوبارہ|dobara)›');
const EVERY = rx('‹(?:every|each|roz|rozana|har\\s+roz|روز|روزانہ|ہر\\s+روز)›');
const CLOCK_DIGIT = rx('\\d');
/** Words that put a bare hour after noon ("7pm", "evening", "shaam", "رات"). */
const AFTERNOON_WORD = rx(
  '(?:\\d\\s*|‹)(?:pm|p\\.m\\.?|p)›|‹(?:afternoon|evening|night|tonight|noon|dopahar|dopehar|shaam|sham|raat|دوپہر|شام|رات)›',
);
/** An hour only a 24-hour clock has ("at 19:00", "1800 hrs"). */
const CLOCK_24H = rx('(?<![\\d:.])(?:1[3-9]|2[0-3])(?:[:.]?[0-5]\\d(?!\\d)|\\s*(?:hrs|hours|h|baje|بجے)›)|‹(?:at|to|for|@)\\s*(?:1[3-9]|2[0-3])(?![\\d:.])');

/** The set_briefing rule: turning the daily briefing on or off, or setting its time. */
export function setBriefingRule(m: Msg): RuleResult | null {
  if (!BRIEFING_WORD.test(m.key)) return null;
  const off = OFF.test(m.key);
  const on = !off && ON.test(m.key);
  let time: string | undefined;
  if (CLOCK_DIGIT.test(m.key)) {
    const at = when(m);
    if (at?.hasTime) {
      const w = wallIn(at.start, m.ctx.timeZone);
      // A briefing is a morning thing: "at 7" is 07:00 unless pm, evening or a 24-hour clock is said.
      const hour = w.hour >= 13 && !AFTERNOON_WORD.test(m.key) && !CLOCK_24H.test(m.key) ? w.hour - 12 : w.hour;
      time = `${String(hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
    }
  }
  if (!time && !off) {
    // "change briefing time to 9", "briefing at 1830": a bare hour the date parser does not take.
    const bare = BARE_HOUR.exec(m.key);
    if (bare) {
      const digits = bare[1]!;
      const [h, min] = digits.length >= 3 ? [Number(digits.slice(0, -2)), Number(digits.slice(-2))] : [Number(digits), Number(bare[2] ?? 0)];
      const hour = bare[3] === 'pm' && h < 12 ? h + 12 : bare[3] === 'am' && h === 12 ? 0 : h;
      if (hour <= 23 && min <= 59) time = `${String(hour).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
    }
  }
  if (!off && !on && !time) return EVERY.test(m.key) ? result('set_briefing', { enabled: true }) : null;
  return result('set_briefing', { time, enabled: off ? false : on ? true : undefined });
}

const STATS = rx(
  '‹(?:stats|statistics|productivity|productive|progress\\s+report|my\\s+progress|score|streak|completion\\s+rate|' +
  'how\\s+many\\s+(?:tasks|todos|things|items|reminders|events|meetings|notes)\\s+(?:did|have|had)\\s+i|how\\s+much\\s+did\\s+i\\s+(?:get\\s+done|do|finish)|' +
  'اعداد\\s*و\\s*شمار|کارکردگی|کتنے\\s*کام|کتنے\\s*ٹاسک|kitne\\s*(?:kaam|tasks|task)|kitna\\s*kaam|performance|statistics)›',
);

/** "to 9", "at 1830", "for 7:30 am" inside a briefing setting. */
const BARE_HOUR = /(?:^|\s)(?:to|at|for|@)\s*(\d{1,4})(?:[:.](\d{2}))?\s*(am|pm)?(?=\s|$|[.!?])/;

/** The get_stats rule. */
export function statsRule(m: Msg): RuleResult | null {
  return STATS.test(m.key) ? result('get_stats', {}) : null;
}

const BRIEFING = rx(
  "‹(?:briefing|brief\\s+me|debrief|rundown|run\\s+down|overview|summary\\s+of\\s+(?:my\\s+|the\\s+)?(?:day|today)|daily\\s+summary|" +
  "how\\s+(?:does|do|is|'s)\\s+my\\s+day|how'?s\\s+my\\s+day|what'?s\\s+my\\s+day|my\\s+day\\s+(?:look|looking)|what\\s+does\\s+my\\s+day|" +
  "what'?s\\s+(?:on\\s+)?(?:for\\s+)?today|what\\s+is\\s+(?:on\\s+)?(?:for\\s+)?today|plan\\s+for\\s+today|today'?s\\s+plan|what'?s\\s+the\\s+plan|" +
  "catch\\s+me\\s+up|what'?s\\s+(?:happening|going\\s+on|up)\\s+today|what'?s\\s+happening›[\\s?!.]*$|" +
  'what\\s+do\\s+i\\s+have\\s+(?:going\\s+on\\s+)?today|' +
  'بریفنگ|خلاصہ|آج\\s*کا\\s*(?:کیا\\s*)?(?:پلان|منصوبہ|پروگرام|شیڈول|خلاصہ)|آج\\s*کیا\\s*(?:ہے|کرنا)|' +
  'میرا\\s*دن\\s*کیسا|mera\\s*din\\s*kaisa|aaj\\s*ka\\s*(?:kya\\s*)?(?:plan|overview|summary|schedule|programme|program)|aaj\\s*kya\\s*(?:hai|karna)|aaj\\s*ki\\s*(?:briefing|summary))›',
);

/** The daily_briefing rule. */
export function briefingRule(m: Msg): RuleResult | null {
  return BRIEFING.test(m.key) ? result('daily_briefing', {}) : null;
}
