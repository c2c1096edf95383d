/**
 * Todos: creating ("add X to my todo list", "todo: X by monday, work", "نیا کام: ...",
 * "meri list mein X add kar do"), listing with filters, and completing ("mark X as done",
 * "done with #12", "X mukammal kar do", "بجلی کا بل جمع ہو گیا، یہ کام مکمل کر دیں").
 */
import { rx } from './work-text.ts';
import { titleFrom, refFrom } from './fillers.ts';
import { takePriority, takeCategory, listCategory, todoFilter } from './params.ts';
import { when, iso, result, type Msg, type RuleResult } from './message.ts';
import { SHOW_EN, SHOW_UR, TODO_NOUNS, UR_AUX } from './vocab.ts';

const POLITE = "^[\\s,]*(?:(?:please|pls|hey|ok|okay|can you|could you|would you|kindly|also|and|now)[\\s,]+)*";

const EN_PREFIX = rx(
  `${POLITE}(?:(?:add|create|make|new|put|insert|log|open)\\s+(?:a\\s+|an\\s+|new\\s+|the\\s+)*)?` +
  '(?:(?:work|home|personal|office)\\s+)?(todo|task|to-do|item|action\\s+item)(?:\\s*[:\\-–—]|\\s+(?:to|for|called|named|titled)›|›)',
  'diu',
);
const EN_TO_LIST = rx(
  '\\s*‹(?:to|on|in|onto|into)\\s+(?:my|the|our)\\s+(?:(?:todo|to-do|task|tasks|work|home|personal|shopping|grocery|office)\\s+)?' +
  '(?:list|todos|tasks|todo\\s+list|task\\s+list|to-do\\s+list|todo|checklist)›|\\s*‹as\\s+a\\s+(?:task|todo)›',
);
const EN_ADD_VERB = rx(`${POLITE}(?:add|put|stick|throw|include|pop|save|create|make|insert|jot|write|log)›`);
const UR_LIST_PLACE = rx(
  '‹(?:میری|میرے|اپنی|meri|mere|apni)?\\s*(?:ٹو\\s*ڈو|ٹوڈو|todo|to-do|task|tasks|کاموں\\s*کی|کام\\s*کی|kaamon\\s*ki|kaam\\s*ki)?\\s*' +
  '(?:لسٹ|فہرست|list|فہرست)\\s*(?:میں|mein|main|me|pe|par)›|‹(?:میرے|میری|اپنے|mere|meri|apne)?\\s*(?:ٹو\\s*ڈو|ٹوڈو|todo|todos|task|tasks|ٹاسک|ٹاسکس|کاموں|کام|kaamon|kaam|kamon)\\s*(?:میں|mein|main|me)›',
);
const UR_ADD = rx(
  `‹(?:شامل|ڈال|لکھ|ایڈ|درج|add|daal|dal|daalo|likh|shamil|include)${UR_AUX}›`,
);
const UR_MAKE_TASK = rx(`‹(?:task|todo|ٹاسک|کام|kaam)\\s*(?:bana|banao|banado|بنا|بناؤ|add|ایڈ|شامل|bna)${UR_AUX}›`);
const UR_NEW = rx(`^[\\s]*‹(?:نیا|نئی|naya|nayi|new)\\s*(کام|ٹاسک|ٹو\\s*ڈو|kaam|task|todo)›\\s*[:\\-–—]?`, 'diu');
/** "task: file taxes" as a slash command's argument: a label, set off by punctuation. */
const SLASH_LABEL = rx('^[\\s]*‹(?:todo|task|to-do|item|کام|ٹاسک|kaam)›\\s*[:\\-–—]');
/** A title needs a word: "0" or "#" alone means the task word was the title's own. */
const HAS_WORD = /\p{L}/u;

const TASK_WORD = rx('‹(?:کام|کاموں|ٹاسک|ٹو\\s*ڈو|list|لسٹ|todo|tasks?|kaam|kaamon)›');

function hasCreateTrigger(m: Msg): boolean {
  return EN_PREFIX.test(m.key) || (EN_TO_LIST.test(m.key) && EN_ADD_VERB.test(m.key)) ||
    UR_NEW.test(m.key) || UR_MAKE_TASK.test(m.key) || (UR_ADD.test(m.key) && (UR_LIST_PLACE.test(m.key) ||
    TASK_WORD.test(m.key)));
}

/**
 * Builds a todo from the message, taking category, priority and due date when stated. A slash
 * command's argument is the title already ("/todo task 0"), so only filler and a "task:" label
 * are trimmed from it; free text also loses its command words ("add a task to ..."), except a
 * task noun without which nothing worded would be left ("add task 0" → "task 0").
 */
export function todoFrom(m: Msg, slash = false): RuleResult {
  const category = takeCategory(m.work);
  const priority = takePriority(m.work);
  const nouns: Array<[number, number]> = [];
  const untitled = m.work.copy();
  const blankCommand = (re: RegExp): void => {
    const hit = m.work.blankFirst(re);
    if (hit?.indices?.[1]) nouns.push(hit.indices[1]);
  };
  if (slash) {
    const label = m.work.copy();
    label.blankFirst(SLASH_LABEL);
    if (HAS_WORD.test(label.rest())) m.work.blankFirst(SLASH_LABEL);
    m.work.blankAll(EN_TO_LIST);
  } else {
    m.work.blankFirst(UR_MAKE_TASK);
    blankCommand(EN_PREFIX);
    blankCommand(UR_NEW);
    m.work.blankAll(EN_TO_LIST);
    m.work.blankFirst(EN_ADD_VERB);
    m.work.blankFirst(UR_LIST_PLACE);
    m.work.blankFirst(UR_MAKE_TASK);
    m.work.blankFirst(UR_ADD);
  }
  const due = when(m);
  let title = titleFrom(m.work.copy());
  if (!HAS_WORD.test(title) && nouns.length) {
    for (const [start, end] of nouns) m.work.restore(untitled, start, end);
    title = titleFrom(m.work);
  }
  return result('create_todo', { title, due: due ? iso(m, due.start) : undefined, priority, category }, ['title']);
}

/** The explicit create_todo rule (a task word or a list is named). */
export function createTodoRule(m: Msg): RuleResult | null {
  return hasCreateTrigger(m) ? todoFrom(m) : null;
}

/** "what's due today", "anything overdue?", "what do i have due this week", "kal kya due hai": asking what is due. */
const DUE_ASK =
  "‹(?:what'?s|whats|what\\s+is|what\\s+are|what\\s+all\\s+is|which\\s+(?:tasks|todos|ones|things|items)\\s+are|is\\s+(?:there\\s+)?anything|are\\s+there\\s+any|anything|any\\s+(?:tasks|todos)|" +
  "what\\s+(?:else\\s+)?(?:do\\s+i\\s+have|have\\s+i\\s+got)|do\\s+i\\s+have\\s+anything|what\\s+else\\s+is)\\s+(?:still\\s+|coming\\s+)?(?:due|overdue|past\\s+due)›|" +
  "^[\\s]*(?:due|overdue)\\s*(?:today|tomorrow|this\\s+week|now)?[\\s?.!]*$|" +
  '‹(?:kya|kia|کیا)\\s*(?:kuch\\s*|کچھ\\s*)?(?:due|overdue|ڈیو|اوور\\s*ڈیو)›';
/** "tasks for tomorrow?", "overdue todos", "my open tasks": a bare list name with its filter words. */
const BARE_TODOS = '^[\\s/]*(?:(?:my|all|any|the)\\s+)?(?:(?:open|pending|overdue|done|completed|finished|remaining|work|home|personal|office|high\\s+priority|urgent|today\'?s|tomorrow\'?s)\\s+)*' +
  '(?:todos|tasks|to-dos|todo\\s+list|task\\s+list)\\s*(?:(?:for|due|from|of)\\s+)?(?:today|tomorrow|this\\s+week|the\\s+week|now|left|pending|done)?[\\s?.!]*$';
/** Roman Urdu / Urdu questions: "kal kya kaam hain", "کون سے کام باقی ہیں". */
const ASK_UR = '‹(?:kya|kia|kon\\s*se|kaun\\s*se|konse|کیا|کون\\s*سے|کونسے)›';
/** "kal kya karna hai", "کل کیا کرنا ہے": what is there to do. */
const WHAT_TO_DO_UR = '‹(?:kya|kia|کیا)\\s*(?:(?:kaam|کام)\\s*)?(?:karna|krna|karne|کرنا|کرنے)\\s*(?:hai|hain|he|ہے|ہیں)›|' +
  '‹(?:kya|kia|کیا)›[\\s\\S]*‹(?:kuch|kuchh|کچھ|koi\\s*kaam|کوئی\\s*کام)\\s*(?:karna|krna|کرنا)\\s*(?:hai|ہے)›';
const SHOW_TODOS = rx(`${BARE_TODOS}|${DUE_ASK}|${WHAT_TO_DO_UR}|${ASK_UR}[\\s\\S]*${TODO_NOUNS}[\\s\\S]*‹(?:hain|hai|ہیں|ہے|baqi|baaki|باقی)›|` + "‹(?:what|anything)\\s+(?:else\\s+)?(?:do|have)?\\s*i\\s+(?:still\\s+)?(?:need|have|got)\\s+to\\s+do›|‹what'?s\\s+(?:still\\s+)?(?:left|pending|remaining)›|" + `(?:${SHOW_EN}|${SHOW_UR})[\\s\\S]*${TODO_NOUNS}|${TODO_NOUNS}[\\s\\S]*(?:${SHOW_UR})`);
const HIGH = rx('‹(?:high\\s+priority|urgent|important|ضروری|اہم|zaroori|zaruri|fori|فوری)›');
const LOW = rx('‹(?:low\\s+priority|unimportant)›');

/** The list_todos rule: a request to see tasks, with filter, category and priority when named. */
export function listTodosRule(m: Msg): RuleResult | null {
  if (!SHOW_TODOS.test(m.key)) return null;
  const priority = HIGH.test(m.key) ? 'high' : LOW.test(m.key) ? 'low' : undefined;
  return result('list_todos', { filter: todoFilter(m.key), category: listCategory(m.key), priority });
}

/** "done: buy milk", "completed - call the bank": a done label before the item. */
const DONE_LABEL = rx('^[\\s]*(?:done|completed|complete|finished|ho\\s*gaya|ہو\\s*گیا|مکمل)\\s*[:\\-–—]');
const EN_DONE = [
  DONE_LABEL,
  rx(`${POLITE}(?:i\\s+)?(?:have\\s+|just\\s+|already\\s+|finally\\s+)*(?:finished|completed|complete|done\\s+with|did|ticked\\s+off|checked\\s+off|crossed\\s+off|mark|marked|tick\\s+off|check\\s+off|cross\\s+off)›`),
  rx('‹(?:tick|check|cross|strike)\\s+(?:it|that|this)?\\s*off(?:\\s+(?:my\\s+)?(?:list|todos|tasks))?›'),
  rx('‹(?:is|are|was|it\'?s)\\s+(?:done|finished|completed|complete)›'),
  rx('‹(?:as\\s+)?(?:done|complete|completed|finished)›(?=[\\s.!]*$)'),
];
const EN_DONE_START = rx(`${POLITE}(?:i\\s+)?(?:have\\s+|just\\s+|already\\s+|finally\\s+)*(?:finished|completed|complete|done\\s+with|did|ticked\\s+off|checked\\s+off|crossed\\s+off|mark|marked|tick\\s+off|check\\s+off|cross\\s+off)›|‹(?:tick|check|cross)\\s+(?:it|that|this)?\\s*off›|‹(?:mark|marked)›[\\s\\S]*‹(?:done|complete|completed|finished)›|‹(?:is|are)\\s+(?:done|finished|completed)›[\\s.!]*$`);
const UR_DONE = rx(
  '(?:‹(?:جمع|ادا|jama|ada|submit|pay)\\s*)?‹(?:(?:مکمل|پورا|پوری|ختم|ڈن|mukammal|mukamal|complete|done|poora|pura|khatam|finish)\\s*)?' +
  '(?:(?:ہو|ho)\\s*(?:گیا|گئی|گئے|چکا|چکی|gaya|gayi|gya|gai|gaye|chuka|chuki)|(?:کر|kar|kr)\\s*(?:لیا|لی|liya|li|lia|chuka|چکا)|' +
  '(?:مکمل|پورا|ختم|ڈن|mukammal|mukamal|complete|done|poora|khatam|tick|mark)\\s*(?:کر|kar|kr)\\s*(?:دیں|دو|دیا|do|dein|den|diya|dijiye|دیجیے))›',
);
const UR_DONE_ALL = new RegExp(UR_DONE.source, 'giu');
const QUESTION = rx('‹(?:کیا|kya|kia|what|how|why)›|\\?');
const ITEM_WORDS = rx(
  '‹(?:یہ|وہ|ye|yeh|woh|wo|is|this|that|the|my|it)?\\s*(?:والا|والی|والے|wala|wali|wale)?\\s*' +
  '(?:کام|ٹاسک|task|todo|to-do|item|kaam)\\s*(?:کو|ko)?›|‹(?:والا|والی|والے|wala|wali|wale)›|‹(?:from|on|off)\\s+(?:my|the)\\s+(?:list|todos|tasks|todo\\s+list)›|‹as›\\s*$',
  'giu',
);

/** The complete_todo rule: the item is named by its words or its #number. */
export function completeTodoRule(m: Msg): RuleResult | null {
  const ur = UR_DONE.test(m.key) && !QUESTION.test(m.key);
  if (!ur && !EN_DONE_START.test(m.key) && !DONE_LABEL.test(m.key)) return null;
  for (const re of EN_DONE) m.work.blankFirst(re);
  m.work.blankAll(UR_DONE_ALL);
  m.work.blankAll(ITEM_WORDS);
  return result('complete_todo', { ref: refFrom(m.work) }, ['ref']);
}
