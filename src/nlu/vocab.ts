/**
 * Verb and noun vocabularies shared by the intent rules, in English, Urdu script and Roman Urdu.
 * Kept in one place so adding a synonym ("dikha do", "pull up") improves every rule that uses it.
 * Each is a regex source fragment for rx() (‹ › are Unicode word edges).
 */

/** Urdu/Roman Urdu helper verbs that close a request: "kar do", "کر دیں", "de do". */
export const UR_AUX =
  '(?:\\s+(?:کر|کرو|کریں|کرنا|کردو|کردیں|کیجیے|کیجئے|kar|kr|karo|kro|karen|karein|krein|karain|karna|kardo|krdo|kardein|krden|kardain|kijiye|kariye)›)?' +
  '(?:\\s+(?:دیں|دو|دیجیے|دیجئے|دینا|دے|لیں|لو|لیجیے|لیجئے|لینا|dein|den|do|dena|dijiye|dijye|de|lein|len|lo|lena|lijiye|dain|dyn)›)?' +
  '(?:\\s+(?:پلیز|please|plz|na|نا|گے|ge)›)?';

/** "show / list / what are" — asking to see a collection. */
export const SHOW_EN =
  "‹(?:show|list|display|view|see|get|give|pull\\s+up|bring\\s+up|open|read|check|tell\\s+me|what(?:'s|\\s+is|\\s+are|\\s+do|\\s+does)?|" +
  'which|any|anything|do\\s+i\\s+have|have\\s+i\\s+got|how\\s+(?:does|do|is)|whats|my)›';
/** Urdu / Roman Urdu "show / tell / which". */
export const SHOW_UR =
  '‹(?:دکھائیں|دکھاؤ|دکھا|دکھاو|دکھایئے|دکھائیے|بتائیں|بتاؤ|بتا|بتایئے|کون\\s*سے|کونسے|کون\\s*سی|کیا\\s*ہیں|کیا\\s*ہے|لسٹ|فہرست|' +
  'dikhao|dikha|dikhaein|dikhayen|dikhaen|dikhaiye|dikhaye|batao|bata|btao|batayen|bataein|kon\\s*se|konse|kaun\\s*se|kya\\s*hain|kya\\s*hai|show)›';

/** Removing something. */
export const DELETE_EN =
  "‹(?:delete|remove|erase|drop|get\\s+rid\\s+of|trash|scrap|discard|clear|nix|scratch|take\\s+off|throw\\s+away|forget\\s+about|del|rm)›";
/** Urdu / Roman Urdu removing. */
export const DELETE_UR =
  '‹(?:ہٹا|ہٹاؤ|مٹا|مٹاؤ|ڈیلیٹ|حذف|نکال|خارج|ختم|hata|hatao|htao|hta|mita|mitao|delete|remove|nikal|nikaal|khatam|hatado|mitado)›' + UR_AUX;

/** Cancelling (always about events unless a task is named). */
export const CANCEL =
  '‹(?:cancel|call\\s+off|scrap|منسوخ|کینسل|mansookh|cancel)›' + UR_AUX;

/** Calendar things, to tell events from todos. */
export const EVENT_NOUNS =
  "‹(?:events?|meetings?|meets?|appointments?|calendar|calender|appt|call|calls|lunch|dinner|breakfast|brunch|session|interview|class|lecture|" +
  'party|flight|wedding|function|ceremony|conference|webinar|standup|stand-up|sync|catch-?up|date|gathering|dentist|doctor|' +
  'ایونٹ|ایونٹس|میٹنگ|میٹنگز|کیلنڈر|کیلینڈر|اپائنٹمنٹ|ملاقات|دعوت|شادی|تقریب|event|meeting|calendar)›';

/** To-do things, to tell todos from events. */
export const TODO_NOUNS =
  "‹(?:todos?|to-dos?|tasks?|todo\\s+list|task\\s+list|my\\s+list|checklist|کام|ٹاسک|ٹو\\s*ڈو|لسٹ|فہرست|kaam|task|tasks|todo|list)›";

/** Notes and memos. */
export const MEMO_NOUNS =
  '‹(?:notes?|memos?|jottings|نوٹس|نوٹ|یادداشت|یادداشتیں|میمو)›';

/** English verbs that open an instruction to oneself ("submit the report by friday"). */
export const IMPERATIVE_EN =
  'call|phone|ring|email|mail|text|message|send|pay|buy|get|fix|finish|submit|book|renew|reply|respond|check|review|write|' +
  'prepare|pick\\s+up|pick|return|file|sign|clean|order|contact|visit|complete|do|make|print|upload|apply|talk\\s+to|meet|follow\\s+up|' +
  'ask|tell|collect|deposit|transfer|repair|install|deploy|confirm|arrange|register|recharge|take|bring|go|finalize|finalise|' +
  'wash|cook|water|feed|drop\\s+off|drop|clear|sort|organise|organize|plan|study|read|practice|practise|exercise|update|backup|back\\s+up|' +
  'cancel|change|replace|charge|top\\s+up|withdraw|sell|ship|post|mow|vacuum|iron|tidy|pack|unpack|print|scan|fill|fill\\s+out|' +
  'finish\\s+up|hand\\s+in|turn\\s+in|submit|start|learn|research|draft';
