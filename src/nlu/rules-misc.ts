/**
 * The open-ended intents: search ("look up everything related to ali", "bank se related sab kuch
 * dhoondo"), delegate_task (work for the assistant: research, drafting, planning), and the guard
 * that keeps questions about the assistant itself in general_chat instead of a wrong action.
 */
import { rx } from './work-text.ts';
import { refFrom, trimFillers } from './fillers.ts';
import { result, type Msg, type RuleResult } from './message.ts';
import { UR_AUX } from './vocab.ts';

const META_QUESTION = rx(
  "^[\\s]*(?:what'?s|what\\s+is|what\\s+are|whats)\\s+(?:the\\s+)?(?:difference|diff|point|use|meaning|purpose)›|" +
  '^[\\s]*(?:how|why)\\s+(?:do|does|can|should|would|to)\\s+(?:i|you|it|this|one|we)\\s+(?:use|add|create|set|make|delete|work|get|turn|change|do)›(?![\\s\\S]*‹(?:today|tomorrow|my\\s+day)›)|' +
  '^[\\s]*(?:what|who)\\s+(?:can|are|do)\\s+you›|^[\\s]*(?:can|could)\\s+you\\s+(?:explain|help\\s+me\\s+understand|tell\\s+me\\s+(?:a\\s+)?joke)›|' +
  '^[\\s]*(?:explain|define)›|^[\\s]*tell\\s+me\\s+(?:a\\s+)?(?:joke|story|fun\\s+fact)›|^[\\s]*(?:help|commands|/help|/start)[\\s?!.]*$',
);

/** Questions about the assistant ("what's the difference between a reminder and a todo"). */
export function chatGuardRule(m: Msg): RuleResult | null {
  return META_QUESTION.test(m.key) ? result('general_chat', {}) : null;
}

const SEARCH_VERB = rx(
  `^[\\s,]*(?:(?:please|pls|can\\s+you|could\\s+you|hey)[\\s,]+)*(?:search|look\\s+up|lookup|look\\s+for|find|grep|search\\s+for)›|` +
  `‹(?:dhoondo|dhundo|dhoondh|dhundh|dhoond|talash|تلاش|ڈھونڈو|ڈھونڈیں|ڈھونڈ|سرچ|search)${UR_AUX}›`,
);
const FIND_CONTENT = rx("^[\\s,]*(?:(?:please|pls|can\\s+you|could\\s+you|hey)[\\s,]+)*find›\\s+(?:(?:anything|everything|all|stuff|items|things|notes|whatever|where|my)›|[^\\s]+\\s*[?.!]*$)");
const SEARCH_STRIP = rx(
  `‹(?:search|look\\s+up|lookup|look\\s+for|find|grep)(?:\\s+(?:for|through|in|my))*›|` +
  `‹(?:dhoondo|dhundo|dhoondh|dhundh|dhoond|talash|تلاش|ڈھونڈو|ڈھونڈیں|ڈھونڈ|سرچ|search)${UR_AUX}›|` +
  "‹(?:anything|everything|all|stuff|items|things|whatever|all\\s+items|sab\\s*kuch|sab|سب\\s*کچھ|سب|har\\s*cheez|ہر\\s*چیز|i\\s+have|i'?ve\\s+(?:got|saved))›|" +
  '‹(?:(?:my\\s+)?(?:notes|memos|todos|tasks))›(?=\\s+(?:about|abt|regarding|on|related|mentioning|containing|with)›)|‹(?:about|abt|related\\s+to|regarding|relating\\s+to|on|mentioning|with|containing|that\\s+mentions?|concerning|' +
  'se\\s*related|سے\\s*متعلق|سے\\s*related|ke\\s*(?:baare|bare)\\s*(?:mein|main|me)|کے\\s*بارے\\s*میں|wala|wali|wale|والا|والی|والے)›|' +
  '‹(?:in|across|from)\\s+(?:my\\s+)?(?:notes|todos|tasks|everything|stuff|calendar)›|' +
  '‹(?:(?:mere|meri|میرے|میری)\\s*)?(?:notes|tasks|todos|نوٹس|کاموں|calendar|کیلنڈر)\\s*(?:mein|main|me|میں)›|‹(?:کو|ko|ka|کا|کی|ki)›\\s*$',
  'giu',
);

/** The search rule: the query is what remains without the search words. */
export function searchRule(m: Msg): RuleResult | null {
  if (!SEARCH_VERB.test(m.key)) return null;
  if (/^\s*(?:please\s+|can\s+you\s+|could\s+you\s+)?find\b/i.test(m.key) && !FIND_CONTENT.test(m.key)) return null;
  m.work.blankAll(SEARCH_STRIP);
  return result('search', { query: refFrom(m.work) }, ['query']);
}

const DELEGATE = rx(
  '‹(?:research|investigate|look\\s+into|find\\s+out|figure\\s+out|draft|compose|write\\s+(?:a|an|me|up|the)|summari[sz]e|' +
  'plan\\s+(?:my|a|the|our)|make\\s+(?:a|me\\s+a)\\s+plan|create\\s+(?:a|me\\s+a)\\s+(?:plan|schedule|itinerary)|compare|analy[sz]e|' +
  'prepare\\s+(?:a|an|me)|put\\s+together|come\\s+up\\s+with|suggest|recommend|book\\s+(?:me\\s+)?(?:a\\s+)?(?:flight|hotel|ticket|table|cab|taxi)|' +
  'translate|proofread|organi[sz]e\\s+my|send\\s+me\\s+a\\s+summary|find\\s+(?:me\\s+)?(?:the\\s+)?(?:best|cheapest|good|a\\s+good)|' +
  'ڈرافٹ|تحقیق|خلاصہ\\s*(?:بنا|لکھ)|ترجمہ|منصوبہ\\s*بنا|پلان\\s*بنا|ای\\s*میل\\s*(?:لکھ|بنا)|درخواست\\s*لکھ|' +
  'draft\\s*(?:kar|bana)|research\\s*kar|plan\\s*bana|summary\\s*bana|email\\s*likh|likh\\s*(?:ke|kar)\\s*do|tarjuma)›',
);
const LEADING_ASK = rx("^[\\s,]*(?:(?:hey|ok|okay|so|please|pls|kindly|can\\s+you|could\\s+you|would\\s+you|will\\s+you|can\\s+u|i\\s+need\\s+you\\s+to|i\\s+want\\s+you\\s+to|i'?d\\s+like\\s+you\\s+to|go\\s+ahead\\s+and)[\\s,]+)+");

/** The delegate_task rule: the instruction is the request minus the polite lead-in. */
export function delegateRule(m: Msg): RuleResult | null {
  if (!DELEGATE.test(m.key)) return null;
  m.work.blankFirst(LEADING_ASK);
  trimFillers(m.work);
  return result('delegate_task', { instruction: m.work.rest().replace(/\?$/, '') }, ['instruction']);
}
