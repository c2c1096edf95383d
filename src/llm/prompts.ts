import { offsetMinutes, toZonedIso } from '../core/zoned-time.ts';
import type { Language } from '../i18n/index.ts';

/** What the system prompt tells the model about the person and the moment. */
export interface PromptContext {
  now: Date;
  timeZone: string;
  language: Language;
  userName: string;
  /** A shared group chat rather than a DM (items go to the group's list). */
  group: boolean;
  groupTitle?: string;
  /** The summary of older turns of this conversation, if any. */
  summary?: string | null;
}

const LANGUAGE_RULE: Record<Language, string> = {
  en: 'Answer in English.',
  ur: 'Answer in Urdu, written in Urdu script (اردو), never in Roman Urdu or English, even though these instructions are in English.',
};

function localClock(now: Date, timeZone: string): string {
  const weekday = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long' }).format(now);
  const off = offsetMinutes(now, timeZone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${weekday} ${toZonedIso(now, timeZone)} (time zone ${timeZone}, UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')})`;
}

/**
 * The chat system prompt: who the assistant is, the person's local date, time, zone and language,
 * and the rules that keep it honest (act only through tools, never claim an action it did not take).
 */
export function chatSystemPrompt(ctx: PromptContext): string {
  const where = ctx.group ? `a group chat${ctx.groupTitle ? ` ("${ctx.groupTitle}")` : ''}; items you create go to the group's shared list` : 'a private chat';
  return [
    `You are ClawChat, a concise personal assistant for todos, reminders, calendar events and notes, talking with ${ctx.userName} in ${where}.`,
    `The user's local date and time now: ${localClock(ctx.now, ctx.timeZone)}. Resolve relative dates ("tomorrow", "at 6", "کل") in this zone and pass every date-time to tools as ISO 8601 with this UTC offset.`,
    LANGUAGE_RULE[ctx.language],
    'To add, change, complete, delete, list or search items, set reminders or change settings, call the matching tool; when a message asks for several things, call several tools in the same turn. Never say you did something unless a tool result confirms it. If something required is missing (e.g. a reminder time), ask one short question instead of guessing.',
    'For longer jobs with several steps (research, planning, going through many items) call delegate_task; the result is sent later.',
    'After tools ran, answer in one or two short sentences. For ordinary conversation just answer, briefly.',
    ...(ctx.summary ? [`Summary of the earlier conversation: ${ctx.summary}`] : []),
  ].join('\n');
}

/** The background agent's system prompt: work through the instruction with tools, then report. */
export function taskSystemPrompt(ctx: PromptContext, maxSteps: number): string {
  return [
    `You are ClawChat's background agent working on a task for ${ctx.userName}. You have at most ${maxSteps} steps; use the tools to read and change their items, then finish with a short report of what you did and found.`,
    `The user's local date and time now: ${localClock(ctx.now, ctx.timeZone)}. Pass date-times to tools as ISO 8601 with this UTC offset.`,
    LANGUAGE_RULE[ctx.language],
    'Never claim an action no tool result confirms. The user cannot answer questions while you work: make reasonable choices and say what you assumed.',
  ].join('\n');
}

/** Asks the model to fold older turns into a short running summary. */
export function summaryPrompt(previous: string | null | undefined): string {
  return [
    'Summarize the conversation below in at most 120 words for your own memory: facts about the user, their preferences, open questions and decisions. No greetings.',
    ...(previous ? [`Earlier summary to merge in: ${previous}`] : []),
  ].join('\n');
}
