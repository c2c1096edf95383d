/**
 * Private chats end to end: the command menu in English and Urdu, onboarding (/start asks for the
 * time zone, which is then set), every command of the menu, and a free-text todo — real grammY
 * long polling against the fake Bot API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, bob, buttons, plain, startTelegramHarness, type TelegramHarness } from './harness.ts';

describe('Telegram DMs', () => {
  let h: TelegramHarness;
  beforeAll(async () => { h = await startTelegramHarness(); });
  afterAll(async () => { await h?.close(); });

  it('registers the command menu in English and Urdu at start', () => {
    const en = h.tg.commands.get('default|') as { command: string; description: string }[];
    const ur = h.tg.commands.get('default|ur') as { command: string; description: string }[];
    const commandMenu = (lang: 'en' | 'ur') => h.app.orchestrator.commands.menu(lang);
    expect(en.map((c) => c.command)).toEqual(commandMenu('en').map((c) => c.command));
    expect(ur.map((c) => c.command)).toEqual(en.map((c) => c.command));
    expect(ur.find((c) => c.command === 'todo')?.description).toBe(commandMenu('ur').find((c) => c.command === 'todo')?.description);
    expect(ur[0]!.description).not.toBe(en[0]!.description);
    // long polling with a timeout and the offset moving on
    const polls = h.tg.callsOf('getUpdates');
    expect(polls[0]!.params.timeout).toBe(5);
  });

  it('onboards: /start greets, asks for the time zone, and a city sets it', async () => {
    h.say(alice, '/start');
    const hello = plain((await h.nextReply(alice.id)).params.text);
    expect(hello).toContain('Hi Alice');
    expect(hello).toMatch(/time zone/i);
    expect(hello.split('\n').length).toBeLessThanOrEqual(6);
    h.say(alice, '/timezone Karachi');
    expect(plain((await h.nextReply(alice.id)).params.text)).toContain('Asia/Karachi');
    h.say(alice, '/start');
    expect(plain((await h.nextReply(alice.id)).params.text)).toContain('Your time zone is Asia/Karachi');
  });

  it('adds a todo from free text, with Done and Delete buttons, HTML-escaped', async () => {
    h.say(alice, 'remind me to buy <milk> & eggs tomorrow');
    h.say(alice, 'add todo: pay <rent> & bills');
    await h.nextReply(alice.id);
    const added = await h.nextReply(alice.id);
    expect(added.params.parse_mode).toBe('HTML');
    expect(String(added.params.text)).toContain('pay &lt;rent&gt; &amp; bills');
    expect(plain(added.params.text)).toContain('pay <rent> & bills');
    expect(buttons(added)).toEqual(expect.arrayContaining([expect.stringMatching(/^done:todo:\d+$/), expect.stringMatching(/^del:todo:\d+$/)]));
  });

  it('answers every command of the menu', async () => {
    const expectations: [string, RegExp][] = [
      ['/help', /\/todo/],
      ['/todo call the bank friday 5pm', /call the bank/],
      ['/todos', /call the bank/],
      ['/edit 1 priority high', /.+/],
      ['/done 1', /.+/],
      ['/todos done', /.+/],
      ['/delete 1', /.+/],
      ['/event dentist tomorrow 4pm', /dentist/],
      ['/events week', /dentist/],
      ['/memo wifi password is on the fridge', /wifi/],
      ['/memos', /wifi/],
      ['/remind 15m take pills', /take pills/],
      ['/reminders', /take pills/],
      ['/editreminder pills 9pm', /Reminder changed: take pills/],
      ['/snooze pills 1h', /Snoozed until/],
      ['/pause pills', /doesn't repeat|Paused/],
      ['/resume pills', /not paused|Resumed/],
      ['/skip pills', /doesn't repeat/],
      ['/unremind pills', /Reminder cancelled: take pills/],
      ['/search dentist', /dentist/],
      ['/today', /.+/],
      ['/stats', /.+/],
      ['/briefing 08:30', /08:30/],
      ['/undo', /.+/],
      ['/editevent dentist start friday 5pm', /dentist/],
      ['/delevent dentist', /dentist/],
      ['/memos', /wifi/],
      ['/editmemo 1 wifi is in the drawer', /Note updated/],
      ['/delmemo 1', /wifi/],
      ['/delegate plan my week', /language model|background/],
      ['/new', /.+/],
      ['/tasks', /.+/],
      ['/cancel 1', /.+/],
      ['/stop', /.+/],
      ['/link', /link code is [A-Z0-9]{4}-[A-Z0-9]{4}/],
      ['/unlink', /not linked/],
      ['/export', /calendar/],
      ['/import', /Attach an \.ics/],
      ['/language ur', /[\u0600-\u06FF]/],
      ['/todos', /[\u0600-\u06FF]/],
      ['/language en', /English|en/i],
    ];
    for (const [command, expected] of expectations) {
      h.say(bob, command);
      const reply = await h.nextReply(bob.id);
      expect(plain(reply.params.text), command).toMatch(expected);
      expect(plain(reply.params.text), command).not.toMatch(/unknown command|something went wrong/i);
    }
    const menu = h.app.orchestrator.commands.menu('en').map((c) => `/${c.command}`);
    const covered = new Set(['/start', '/timezone', ...expectations.map(([c]) => c.split(' ')[0]!)]);
    expect(menu.filter((c) => !covered.has(c))).toEqual([]);
  });

  it('shows Urdu replies right-to-left and escapes what people wrote', async () => {
    const urdu = { id: 1009, first_name: 'عائشہ', language_code: 'ur' };
    h.say(urdu, '/language ur');
    await h.nextReply(urdu.id);
    h.say(urdu, '/todo دودھ <لانا>');
    const added = await h.nextReply(urdu.id);
    expect(String(added.params.text)).toContain('&lt;لانا&gt;');
    for (const line of String(added.params.text).split('\n').filter(Boolean)) expect(line.startsWith('\u200F')).toBe(true);
  });
});
