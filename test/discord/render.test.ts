/** Rendering replies as Discord messages, custom_id parsing and discord.js error mapping (no network). */
import { DiscordAPIError, RateLimitError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { restApiBase } from '../../adapters/discord/bot.ts';
import { toPlatformError } from '../../adapters/discord/errors.ts';
import { parseCustomId, renderReply } from '../../adapters/discord/render.ts';

const apiError = (code: number, status: number, extra: Record<string, unknown> = {}) =>
  new DiscordAPIError({ code, message: 'x', ...extra }, code, status, 'POST', 'http://x/api/v10/channels/1/messages', { body: undefined, files: undefined });

describe('Discord rendering', () => {
  it('splits long text on line/word boundaries with the card and buttons on the last message', () => {
    const text = `${'word '.repeat(500)}\n${'more '.repeat(300)}`;
    const parts = renderReply({ text, card: { type: 'item', item: { kind: 'todo', id: 1, title: 't', details: [] } }, actions: [{ label: 'Done', data: 'done:todo:1' }] });
    expect(parts.length).toBe(3);
    expect(parts.map((p) => p.content).join('')).toBe(text);
    expect(parts.every((p) => p.content.length <= 2000)).toBe(true);
    expect(parts[0]!.embeds).toEqual([]);
    expect(parts[2]!.embeds).toHaveLength(1);
    expect(parts[2]!.components[0]!.components.map((c) => c.custom_id)).toEqual(['done:todo:1']);
    expect(parts.every((p) => p.allowedMentions.parse.length === 0)).toBe(true);
  });

  it('renders lists as embeds with positions, struck-through done items, a localized page footer', () => {
    const [msg] = renderReply({
      text: 'Your todos', language: 'ur',
      card: { type: 'list', title: 'Your todos', page: 2, pages: 3, items: [{ kind: 'todo', id: 5, position: 11, title: 'a*b', details: ['due today'], done: true }] },
    });
    expect(msg!.content).toBe('');
    expect(msg!.embeds[0]).toEqual({ title: 'Your todos', description: '**11.** ~~a\\*b~~ — due today', footer: { text: 'صفحہ 2 از 3' } });
    const [empty] = renderReply({ text: 'Nothing', card: { type: 'list', title: 'Events', items: [], emptyText: 'No events.' } });
    expect(empty!.embeds[0]!.description).toBe('No events.');
  });

  it('puts at most 5 buttons a row, drops duplicate or over-long ids, tags personal ones', () => {
    const actions = Array.from({ length: 7 }, (_, i) => ({ label: `b${i}`, data: `done:todo:${i + 1}` }));
    const [msg] = renderReply({ text: 'x', actions: [...actions, actions[0]!, { label: 'long', data: 'x'.repeat(101) }] }, { personal: true });
    expect(msg!.components.map((r) => r.components.length)).toEqual([5, 2]);
    expect(msg!.components[0]!.components[0]!.custom_id).toBe('me:done:todo:1');
    expect(parseCustomId('me:done:todo:1')).toEqual({ data: 'done:todo:1', personal: true });
    expect(parseCustomId('undo')).toEqual({ data: 'undo', personal: false });
    expect(parseCustomId('me:')).toBeNull();
    expect(parseCustomId('x'.repeat(101))).toBeNull();
  });

  it('maps discord.js errors to PlatformError: permanent codes, 5xx transient, rate limits with their wait', () => {
    for (const code of [50007, 10003, 50001, 10008, 50013]) expect(toPlatformError(apiError(code, code === 10003 || code === 10008 ? 404 : 403)).permanent).toBe(true);
    const server = toPlatformError(apiError(0, 502));
    expect(server.permanent).toBe(false);
    const limited = toPlatformError(apiError(0, 429, { retry_after: 1.5 }));
    expect(limited).toMatchObject({ permanent: false, retryAfterMs: 1500 });
    const rl = toPlatformError(new RateLimitError({ global: false, method: 'POST', url: 'u', route: '/channels/:id/messages', majorParameter: '1', hash: 'h', limit: 5, timeToReset: 7000, retryAfter: 7000, sublimitTimeout: 0, scope: 'user' }));
    expect(rl).toMatchObject({ permanent: false, retryAfterMs: 7000, code: 429 });
    expect(toPlatformError(new Error('socket hang up'))).toMatchObject({ permanent: false, platform: 'discord' });
  });

  it('accepts the API base with or without /api', () => {
    expect(restApiBase('http://127.0.0.1:5/')).toBe('http://127.0.0.1:5/api');
    expect(restApiBase('http://127.0.0.1:5/api')).toBe('http://127.0.0.1:5/api');
    expect(restApiBase('https://discord.com/api/v10')).toBe('https://discord.com/api');
  });
});
