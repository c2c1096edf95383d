/**
 * `/import file:` on Discord: the attachment is downloaded from its URL (a local HTTP server here,
 * Discord's CDN in life) and handed to the core as the command's attachment; an oversized file is
 * not downloaded at all.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatInputCommandInteraction } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeCommand } from '../../adapters/discord/command-routes.ts';
import { systemClock } from '../../src/core/clock.ts';
import type { Place } from '../../adapters/discord/conversation.ts';

const ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';
let server: Server;
let base = '';
let downloads = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    downloads++;
    if (req.url === '/cal.ics') res.writeHead(200, { 'content-type': 'text/calendar' }).end(ICS);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const place = {
  conversation: { platform: 'discord', chatId: 'dm-1', kind: 'dm' }, actor: { platform: 'discord', userId: '1', displayName: 'A' },
} as unknown as Place;

function interaction(file: { name: string; size: number; url: string; contentType: string | null } | null): ChatInputCommandInteraction {
  return {
    id: '42', commandName: 'import',
    options: { getSubcommand: () => null, getString: () => null, getAttachment: () => file },
  } as unknown as ChatInputCommandInteraction;
}

describe('Discord /import route', () => {
  it('downloads the attachment and passes it to the core', async () => {
    const route = await routeCommand(interaction({ name: 'cal.ics', size: ICS.length, url: `${base}/cal.ics`, contentType: 'text/calendar' }), place, systemClock);
    expect(route.kind).toBe('message');
    const msg = route.kind === 'message' ? route.message : null;
    expect(msg).toMatchObject({ type: 'command', name: 'import', attachment: { name: 'cal.ics', mimeType: 'text/calendar' } });
    expect(new TextDecoder().decode(msg?.type === 'command' ? msg.attachment?.content : undefined)).toBe(ICS);
  });

  it('does not download a file over the limit, and reports a failed download as a platform error', async () => {
    const before = downloads;
    const route = await routeCommand(interaction({ name: 'huge.ics', size: 50_000_000, url: `${base}/cal.ics`, contentType: null }), place, systemClock);
    expect(downloads).toBe(before);
    const attachment = route.kind === 'message' && route.message.type === 'command' ? route.message.attachment : undefined;
    expect({ bytes: attachment?.content.byteLength, size: attachment?.size }).toEqual({ bytes: 0, size: 50_000_000 });
    await expect(routeCommand(interaction({ name: 'gone.ics', size: 10, url: `${base}/gone`, contentType: null }), place, systemClock)).rejects.toThrow(/HTTP 404/);
  });
});
