/**
 * How the rules' reading and the intent model's scores become one answer.
 *
 * The rules know our own distinctions well (a todo vs an event vs a reminder, params, settings) but
 * only the phrasings someone wrote down; the model has read thousands of real requests and knows
 * whether a message asks for anything at all, and roughly what. So:
 * - they agree → the rules' reading, with the model's probability as the confidence;
 * - the model is sure it is chat → chat, whatever a rule thought (a wrong write is the worst answer);
 * - the model is sure of another kind of action → the message read as that action;
 * - no rule claimed it and the model is sure → the message read as the model's intent;
 * - a write is possible but nobody is sure → `clarify`: the likeliest readings, asked before acting.
 * Within one kind of action (which list to show, todo vs event vs reminder) the rules decide unless
 * the model is near certain. Thresholds were chosen on the tuning split (see scripts/eval-nlu.ts).
 */
import type { IntentScore } from './intent-model/model.ts';
import type { RuleResult } from './message.ts';

/** The decision's thresholds on the model's probability. */
export const THRESHOLDS: Thresholds = {
  /** No rule claimed the message: the model alone may act (a write) from here … */
  act: 0.6,
  /** … or show something (a read: lists, briefing) from here. */
  read: 0.5,
  /** Below `act` but from here a possible write is asked about instead of dropped. */
  ask: 0.4,
  /** The model's chat overrides a rule's write from here … */
  veto: 0.7,
  /** … a rule's read (a list, a day view: harmless if wrong) only from here … */
  vetoRead: 0.9,
  /** … and an explicit request ("remind me to …", "add … to my calendar") only from here. */
  vetoExplicit: 0.9,
  /** … and between here and `veto` a rule's write is asked about instead. */
  doubt: 0.6,
  /** The model's other kind of action overrides the rule's from here. */
  switch: 0.8,
  /** Within one kind of action (event or reminder, which list) the model overrides the rule from here. */
  sameKind: 0.8,
  /** … except which list to show (the rules saw "reminders" or "events" said): only from here. */
  whichList: 0.97,
  /** A change or removal the rules read becomes a new item only from here. */
  changeToCreate: 0.97,
};

export interface Thresholds {
  act: number; read: number; ask: number; veto: number; vetoRead: number; vetoExplicit: number; doubt: number; switch: number; sameKind: number; whichList: number; changeToCreate: number;
}

/** Thresholds no probability reaches: the rules' reading alone (training features, tests). */
export const RULES_ONLY: Thresholds = { act: 2, read: 2, ask: 2, veto: 2, vetoRead: 2, vetoExplicit: 2, doubt: 2, switch: 2, sameKind: 2, whichList: 2, changeToCreate: 2 };

/** What the parser answers, before the language is attached. */
export interface Decision extends RuleResult {
  confidence: number;
  clarify?: RuleResult[];
}

const WRITE = /^(?:create_|update_|delete_|complete_|cancel_|set_|snooze_|pause_|resume_|skip_)/;
export const isWrite = (intent: string): boolean => WRITE.test(intent);

/** The kind of action: intents of one kind differ in detail the rules read better than the model. */
function kindOf(intent: string): string {
  if (intent === 'general_chat') return 'chat';
  if (/^create_/.test(intent)) return 'create';
  if (/^(?:list_|search$|daily_briefing$|get_stats$)/.test(intent)) return 'read';
  if (/^(?:delete_|cancel_|complete_)/.test(intent)) return 'remove';
  if (/^(?:update_|snooze_|pause_|resume_|skip_)/.test(intent)) return 'change';
  return intent;
}

const probabilityOf = (scores: readonly IntentScore[], intent: string): number => scores.find((s) => s.intent === intent)?.p ?? 0;
const kindProbability = (scores: readonly IntentScore[], kind: string): number => scores.filter((s) => kindOf(s.intent) === kind).reduce((a, s) => a + s.p, 0);

/**
 * Decides. `rules` is the rules' reading (null: no rule claimed the message), `explicit` whether
 * the rule that read it needs an explicit request; `readAs` reads the message as another intent
 * (null when it cannot).
 */
export function decide(
  rules: RuleResult | null, scores: readonly IntentScore[], readAs: (intent: string) => RuleResult | null, t: Thresholds = THRESHOLDS, explicit = false,
): Decision {
  const top = scores[0]!;
  const chat: Decision = { intent: 'general_chat', params: {}, confidence: probabilityOf(scores, 'general_chat') };
  const as = (intent: string, confidence: number): Decision | null => {
    const r = readAs(intent);
    return r ? { ...r, confidence } : null;
  };
  const ask = (first: RuleResult, confidence: number): Decision => {
    const readings: RuleResult[] = [first];
    for (const s of scores.slice(0, 3)) {
      if (readings.length >= 2 || s.p < 0.15 || s.intent === first.intent || s.intent === 'general_chat') continue;
      const r = isWrite(s.intent) || kindOf(s.intent) === 'read' ? readAs(s.intent) : null;
      if (r) readings.push(r);
    }
    readings.push({ intent: 'general_chat', params: {} });
    return { intent: first.intent, params: first.params, ...(first.missing && { missing: first.missing }), confidence, clarify: readings };
  };

  if (!rules || rules.intent === 'general_chat') {
    if (top.intent === 'general_chat') return chat;
    // "Make a calendar entry at ten": event or reminder is the rules' business; that it is a
    // creation at all is the model's, so its certainty is the whole kind's.
    const sure = kindProbability(scores, kindOf(top.intent));
    const write = isWrite(top.intent);
    if (sure >= (write ? t.act : t.read)) return as(top.intent, sure) ?? chat;
    if (write && sure >= t.ask) {
      const reading = readAs(top.intent);
      return reading ? ask(reading, sure) : chat;
    }
    return chat;
  }

  const ruleKind = kindOf(rules.intent);
  const pRule = probabilityOf(scores, rules.intent);
  const agreeing: Decision = { ...rules, confidence: Math.max(pRule, kindProbability(scores, ruleKind) * 0.9) };
  if (top.intent === rules.intent) return { ...rules, confidence: top.p };
  if (top.intent === 'general_chat') {
    const veto = ruleKind === 'read' ? t.vetoRead : explicit ? t.vetoExplicit : t.veto;
    if (top.p >= veto) return chat;
    if (isWrite(rules.intent) && top.p >= Math.min(t.doubt, veto)) return ask(rules, pRule);
    return agreeing;
  }
  // A rule that read a change or a removal saw its verb: a new item is made from it only when the
  // model is near certain ("set my alarm for 11 pm" is a new alarm, "pay rent ko kal kar do" a change).
  if ((ruleKind === 'change' || ruleKind === 'remove') && kindOf(top.intent) === 'create' && top.p < t.changeToCreate) return agreeing;
  if (kindOf(top.intent) === ruleKind) {
    // Which list to show is the rules' call ("reminders" said outright); what to create is often the model's.
    const bar = ruleKind === 'read' ? t.whichList : t.sameKind;
    return top.p >= bar ? (as(top.intent, top.p) ?? agreeing) : agreeing;
  }
  if (top.p >= t.switch) return as(top.intent, top.p) ?? agreeing;
  if ((isWrite(rules.intent) || isWrite(top.intent)) && top.p >= t.ask && pRule < t.ask) {
    const other = readAs(top.intent);
    if (other) return ask(isWrite(rules.intent) ? rules : other, pRule);
  }
  return agreeing;
}
