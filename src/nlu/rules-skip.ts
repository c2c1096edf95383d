/**
 * "skip the next one" / "agla wala chhor do" / "اگلا چھوڑ دو": one occurrence of a repeating
 * reminder (or todo) is skipped, the rest stay. The words left over name which one ("skip the next
 * gym reminder" → gym); none means the reminder that arrived last. The patterns are matched on the
 * `toKey` form, which is also what the orchestrator's recurrence reader uses, so both read the same
 * phrases from this one list.
 */
import { refFrom } from './fillers.ts';
import { result, type Msg, type RuleResult } from './message.ts';
import { rx } from './work-text.ts';

/** The skip phrases in English, Roman Urdu and Urdu script (on `toKey` text). */
export const SKIP_NEXT_PATTERNS: readonly RegExp[] = [
  /(?<![\p{L}\p{N}])skip\s+(?:the\s+)?next(?:\s+(?:one|time|occurrence))?(?![\p{L}\p{N}])/iu,
  /(?<![\p{L}\p{N}])(?:agl[aie]|agla|agli|agle)\s+(?:(?:wala|wali|wale|waala|waali|waale|bar|baar|dafa)\s+)?(?:chhor|chhod|chor|chod|skip\s+kar)\s*(?:do|dein|den|dena|dijiye|dijye)?(?![\p{L}\p{N}])/iu,
  /اگل[اےی]\s+(?:(?:والا|والی|والے|بار|دفعہ)\s+)?چھوڑ\s*(?:دو|دیں|دیجئے|دیجیے|دینا)?/u,
];

/** "remind me to skip the next meeting" sets a reminder; the skip words are its text there. */
const CREATING = rx('^[\\s,]*(?:‹(?:please|pls|can\\s+you|could\\s+you)›[\\s,]*)*‹(?:remind\\s+(?:me|us)|add|todo|note|memo|yaad\\s+dila)›');
/** "skip the next song": the media player's skip, not ours. */
const MEDIA = rx('‹(?:songs?|tracks?|music|videos?|episodes?|podcasts?|ads?|playlist|gaana|gaane|گانا|گانے)›');
const TODO = rx('‹(?:todo|to-do|task|kaam|کام)›');
const NOUN_WORDS = rx('‹(?:the\\s+|my\\s+|this\\s+|that\\s+)?(?:reminders?|alarms?|todos?|to-dos?|tasks?|ریمائنڈرز?|یاد\\s*دہانی|yaad\\s*dehani|kaam|کام)(?:\\s+(?:of|for|about))?›|‹(?:والا|والی|والے|wala|wali|wale|ka|ki|ke|کا|کی|کے|of|for)›|‹(?:please|pls|can\\s+you|could\\s+you|meri|mera|mere|میری|میرا|میرے|my)›', 'giu');

/** The rule: a skip phrase, with the words naming the item as `ref` and `kind` when a todo is named. */
export function skipNextRule(m: Msg): RuleResult | null {
  const found = SKIP_NEXT_PATTERNS.map((re) => re.exec(m.key)).find(Boolean);
  if (!found || CREATING.test(m.key) || MEDIA.test(m.key)) return null;
  const todo = TODO.test(m.key);
  m.work.blank(found.index, found.index + found[0].length);
  m.work.blankAll(NOUN_WORDS);
  const ref = refFrom(m.work);
  const named = ref && !/^(?:that|this|it|one|woh|wo|ye|yeh|وہ|یہ)$/iu.test(ref) ? ref : undefined;
  return result('skip_occurrence', { ref: named, kind: todo ? 'todo' : undefined });
}
