/**
 * The one table of bad inputs from issue 13 (points 7, 8 and 9) that every entry runs: the
 * orchestrator directly (test/orchestrator/bad-input.test.ts), Telegram through real grammY and the
 * fake Bot API, Discord DMs and slash commands, the terminal chat and MCP over stdio. One table, so
 * the platforms cannot drift apart. Each case says what a person types, what the reply must say,
 * and what must be stored afterwards (nothing new, unless `stored` says what).
 */
import type { App } from '../../src/app.ts';

type PrismaClient = App['db'];

/** One bad (or tricky) input and what ClawChat must do with it. */
export interface BadInputCase {
  name: string;
  /** What the person types in a chat (Telegram, Discord DM, terminal). */
  text: string;
  /** The reply must match this (in the language of the text). */
  reply: RegExp;
  /** What must exist afterwards; absent: nothing new is stored and no time zone changes. */
  stored?: { todoTitle?: string; timezone?: string };
  /** The same request as a Discord slash command, where there is one. */
  slash?: { name: string; sub?: string; options: Record<string, string> };
  /** The same request as an MCP tool call, where the entry applies; `reply` then matches the tool's answer or error. */
  mcp?: { tool: string; args: Record<string, unknown>; reply: RegExp };
}

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

/** Every case. Urdu and Roman Urdu ones come last and expect an Urdu reply. */
export const BAD_INPUTS: readonly BadInputCase[] = [
  {
    name: 'UTC+5:30 is a fixed +05:30 zone, not UTC+5', text: '/timezone UTC+5:30', reply: /UTC\+05:30 \(Asia\/Kolkata\)/, stored: { timezone: 'Asia/Kolkata' },
    slash: { name: 'settings', sub: 'timezone', options: { zone: 'UTC+5:30' } },
    mcp: { tool: 'set_timezone', args: { timezone: 'UTC+5:30' }, reply: /UTC\+05:30 \(Asia\/Kolkata\)/ },
  },
  {
    name: 'GMT+05:45 is Kathmandu time', text: '/timezone GMT+05:45', reply: /UTC\+05:45 \(Asia\/Kathmandu\)/, stored: { timezone: 'Asia/Kathmandu' },
    slash: { name: 'settings', sub: 'timezone', options: { zone: 'GMT+05:45' } },
  },
  { name: 'UTC+5.5 is +05:30', text: '/timezone UTC+5.5', reply: /UTC\+05:30 \(Asia\/Kolkata\)/, stored: { timezone: 'Asia/Kolkata' } },
  {
    name: 'GMT-14 is refused, not London', text: '/timezone GMT-14', reply: /"GMT-14" is not a real UTC offset.*UTC-12 to UTC\+14/,
    slash: { name: 'settings', sub: 'timezone', options: { zone: 'GMT-14' } },
    mcp: { tool: 'set_timezone', args: { timezone: 'GMT-14' }, reply: /"GMT-14" is not a real UTC offset/ },
  },
  { name: 'UTC+25 is refused, not UTC', text: '/timezone UTC+25', reply: /"UTC\+25" is not a real UTC offset/ },
  { name: 'an impossible offset in a sentence', text: 'my timezone is GMT-14', reply: /"GMT-14" is not a real UTC offset/ },
  { name: 'an offset kept only with daylight saving asks for the city', text: '/timezone UTC-3:30', reply: /daylight saving.*city/ },
  {
    name: 'February 30th is refused', text: '/todo pay feb 30', reply: /"feb 30" is not a real date: February has no day 30/,
    slash: { name: 'todo', sub: 'add', options: { text: 'pay feb 30' } },
    mcp: { tool: 'create_todo', args: { title: 'pay', due: '2027-02-30T09:00:00+05:00' }, reply: /due: is not a real date/ },
  },
  {
    name: 'an impossible clock time is refused', text: '/event party 25:99 tomorrow', reply: /"25:99" is not a real time/,
    slash: { name: 'event', sub: 'add', options: { text: 'party 25:99 tomorrow' } },
  },
  {
    name: 'an absurd duration is refused', text: '/remind 2147483648 minutes take pills', reply: /too far away: I keep dates within 10 years/,
    slash: { name: 'remind', options: { text: '2147483648 minutes take pills' } },
    mcp: { tool: 'create_reminder', args: { text: 'take pills', at: '6109-12-14T12:08:00+05:00' }, reply: /too far away/ },
  },
  { name: 'an absurd duration without text is refused', text: '/remind 2147483648 minutes', reply: /too far away/ },
  {
    name: 'an escape sequence is not read as "0m"', text: '/remind \u001b[0m take pills', reply: /When should I remind you/,
    slash: { name: 'remind', options: { text: '\u001b[0m take pills' } },
  },
  { name: 'a zero duration is refused', text: '/remind in 0 minutes take pills', reply: /"0 minutes" is no time at all/ },
  { name: 'emoji-only text is not understood, and not stored', text: '🎉🎉🎉', reply: /didn't understand/ },
  {
    name: 'a cron reminder every second is refused', text: '/remind cron * * * * * * x', reply: /more often than once a minute/,
    slash: { name: 'remind', options: { text: 'cron * * * * * * x' } },
    mcp: { tool: 'create_reminder', args: { text: 'x', at: inAnHour(), recurrence: '* * * * * *' }, reply: /more often than once a minute/ },
  },
  { name: '"every 30 seconds" is refused', text: 'remind me every 30 seconds to blink', reply: /more often than once a minute \("every 30 seconds"\)/ },
  {
    name: 'NUL, escape sequences and control characters are stripped', text: '/todo buy\u0000 bread \u001b[1mnow\u0007', reply: /Added todo: buy bread now/, stored: { todoTitle: 'buy bread now' },
    slash: { name: 'todo', sub: 'add', options: { text: 'buy\u0000 bread \u001b[1mnow\u0007' } },
    mcp: { tool: 'create_todo', args: { title: 'buy\u0000 bread \u001b[1mnow\u0007' }, reply: /buy bread now/ },
  },
  { name: 'Urdu: 30 February is refused in Urdu', text: '30 فروری کو بل جمع کرانا ہے', reply: /"30 فروری" کوئی اصل تاریخ نہیں: فروری میں 30 تاریخ نہیں ہوتی/ },
  { name: 'Urdu: an impossible time is refused in Urdu', text: '/event دعوت کل ۲۵:۹۹', reply: /"25:99" کوئی اصل وقت نہیں/ },
  { name: 'Roman Urdu: an impossible offset gets an Urdu reply', text: 'mera timezone GMT-14 kar do', reply: /"GMT-14" کوئی اصل UTC آفسیٹ نہیں/ },
];

/** What is stored, to compare before and after a case. */
export interface StoredSnapshot {
  todos: number;
  events: number;
  memos: number;
  reminders: number;
  timezones: string;
}

/** Counts of stored items and every user's time zone. */
export async function storedSnapshot(db: PrismaClient): Promise<StoredSnapshot> {
  const [todos, events, memos, reminders, users] = await Promise.all([
    db.todo.count(), db.event.count(), db.memo.count(), db.reminder.count(),
    db.user.findMany({ select: { id: true, timezone: true }, orderBy: { id: 'asc' } }),
  ]);
  return { todos, events, memos, reminders, timezones: users.map((u) => `${u.id}:${u.timezone ?? ''}`).join(',') };
}

/**
 * Throws unless the store after `c` is what the case allows: nothing new, or exactly the todo or
 * time zone it names (for the user `userId` when given).
 */
export async function expectStoredAsCase(db: PrismaClient, c: BadInputCase, before: StoredSnapshot): Promise<void> {
  const after = await storedSnapshot(db);
  const fail = (why: string) => { throw new Error(`${c.name}: ${why} (before ${JSON.stringify(before)}, after ${JSON.stringify(after)})`); };
  if (c.stored?.todoTitle !== undefined) {
    if (after.todos !== before.todos + 1) fail('expected exactly one new todo');
    const latest = await db.todo.findFirst({ orderBy: { id: 'desc' } });
    if (latest?.title !== c.stored.todoTitle) fail(`expected the todo "${c.stored.todoTitle}", found ${JSON.stringify(latest?.title)}`);
    return;
  }
  if (after.todos !== before.todos || after.events !== before.events || after.memos !== before.memos || after.reminders !== before.reminders) {
    fail('something was stored');
  }
  if (c.stored?.timezone !== undefined) {
    if (!after.timezones.split(',').some((u) => u.endsWith(`:${c.stored!.timezone}`))) fail(`no user has the zone ${c.stored.timezone}`);
    return;
  }
  // A user the message created may appear (with no zone); no existing user's zone may change.
  const zonesBefore = before.timezones.split(',');
  const zonesAfter = new Set(after.timezones.split(','));
  if (zonesBefore.some((z) => z && !zonesAfter.has(z))) fail('a time zone changed');
  if (after.timezones.split(',').some((z) => !zonesBefore.includes(z) && !z.endsWith(':'))) fail('a new user got a time zone');
}
