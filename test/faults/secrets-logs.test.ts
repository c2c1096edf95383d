/**
 * Issue 13 point 1: no configured secret reaches the logs, whatever fails. Real processes
 * (`adapters/launch.ts`) run against the fakes with their fault switches — getUpdates answering
 * 500, dropping the connection and finally 401; sendMessage failing; the model refusing the key
 * with a message quoting it; webhook start-up refused with the secret quoted; a webhook handler
 * failing; Discord REST failing — and everything they print (stdout and stderr, at LOG_LEVEL=debug
 * and at the default level) is searched for every secret, in plain and URL-encoded form. In-process,
 * the real error objects of grammY, discord.js and openai (and grammY's whole webhook context) are
 * logged through the app's logger and searched the same way. The count must be 0.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { REST } from 'discord.js';
import { Api, Bot } from 'grammy';
import OpenAI from 'openai';
import { afterAll, describe, expect, it, type TestContext } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { FakeDiscordServer } from '../fakes/fake-discord.ts';
import { FakeOpenAIServer } from '../fakes/fake-openai.ts';
import { FakeTelegramServer } from '../fakes/fake-telegram.ts';
import { alice } from '../telegram/harness.ts';

const root = path.resolve(import.meta.dirname, '../..');

const SECRETS = {
  TELEGRAM_BOT_TOKEN: '7310942851:AAHsecretTelegramTokenValue_0123456789',
  DISCORD_BOT_TOKEN: 'MTEzNDU2Nzg5MDEyMzQ1Njc4.GsEcRt.discordSecretTokenValue_abcdefghijkl',
  OPENAI_API_KEY: 'sk-proj-openaiSecretKeyValue0123456789',
  TELEGRAM_WEBHOOK_SECRET: 'webhookSecretValue_42abc',
};
/** Every form a secret could leak in: as is, URL-encoded, and the secret half of the bot token. */
const FORMS = [...Object.entries(SECRETS).flatMap(([name, v]) => [[name, v], ...(encodeURIComponent(v) !== v ? [[`${name} (URL-encoded)`, encodeURIComponent(v)]] : [])]),
  ['TELEGRAM_BOT_TOKEN (secret half)', SECRETS.TELEGRAM_BOT_TOKEN.split(':')[1]!]] as [string, string][];

/** How often each secret form occurs in `text` (only the non-zero ones). */
function findSecrets(text: string): Record<string, number> {
  const found: Record<string, number> = {};
  for (const [name, value] of FORMS) {
    const n = text.split(value).length - 1;
    if (n) found[name] = (found[name] ?? 0) + n;
  }
  return found;
}

/** Figures for the closing report: the paths run, the bytes of output searched, secrets found. */
const report = { paths: [] as string[], bytes: 0, found: 0 };
function check(pathName: string, text: string): void {
  const found = findSecrets(text);
  report.paths.push(pathName);
  report.bytes += text.length;
  report.found += Object.values(found).reduce((a, b) => a + b, 0);
  expect(found, `${pathName}: secrets in the output:\n${text.slice(0, 4_000)}`).toEqual({});
}

/** A fake Discord too, so the configured DISCORD_BOT_TOKEN is in use (and could leak) in every process. */
async function discordFake(cleanups: (() => Promise<void> | void)[]): Promise<FakeDiscordServer> {
  const dc = new FakeDiscordServer({ token: SECRETS.DISCORD_BOT_TOKEN });
  await dc.start();
  cleanups.push(() => dc.stop());
  return dc;
}

interface Proc { output: () => string; exited: Promise<number | null>; kill: (signal?: NodeJS.Signals) => void }

/** Starts `npm start` (adapters/launch.ts) with `env`; stdout and stderr are captured together. */
function launch(env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', 'adapters/launch.ts'], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { output: () => out, exited, kill: (signal = 'SIGKILL') => { child.kill(signal); } };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const exitWithin = (p: Proc, ms: number) => Promise.race([p.exited, sleep(ms).then(() => { p.kill(); return p.exited; })]);

/** Cleanups of the running test, run in reverse order when it finishes (tests here run side by side). */
function cleanupsForThisTest(ctx: TestContext): (() => Promise<void> | void)[] {
  const list: (() => Promise<void> | void)[] = [];
  ctx.onTestFinished(async () => { for (const c of list.reverse()) await c(); });
  return list;
}

// The processes mostly wait (backoff, polling), so the cases run side by side.
describe.concurrent('no secret in the logs, whatever fails', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'clawchat-secrets-'));
  const dbUrl = () => `file:${path.join(dir, `${randomUUID()}.db`)}`;
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    process.stdout.write(`secrets in logs: ${report.found} in ${report.bytes} bytes of output over ${report.paths.length} paths:\n  ${report.paths.join('\n  ')}\n`);
  });

  it.for(['debug', 'default'])('Telegram polling and the model failing, at LOG_LEVEL=%s', { timeout: 60_000 }, async (level, ctx) => {
    const cleanups = cleanupsForThisTest(ctx);
    const tg = new FakeTelegramServer({ token: SECRETS.TELEGRAM_BOT_TOKEN });
    const openai = new FakeOpenAIServer();
    const apiRoot = await tg.start();
    const openaiUrl = await openai.start();
    cleanups.push(() => tg.stop(), () => openai.stop());
    openai.setDefault({ status: 401, errorMessage: `Incorrect API key provided: ${SECRETS.OPENAI_API_KEY}.` });
    tg.failNext('getUpdates', { code: 500 });
    tg.failNext('getUpdates', { drop: true });
    const dc = await discordFake(cleanups);
    const proc = launch({
      ...SECRETS, DISCORD_API_URL: dc.apiUrl, TELEGRAM_API_ROOT: apiRoot, OPENAI_BASE_URL: `${openaiUrl}/v1`, OPENAI_MAX_RETRIES: '0', DATABASE_URL: dbUrl(),
      ...(level === 'debug' && { LOG_LEVEL: 'debug' }),
    });
    cleanups.push(() => proc.kill());
    try {
      await tg.waitFor((c) => c.method === 'getUpdates' && !c.error && c.params.timeout === 30, 20_000);
      tg.sendText({ chatId: alice.id, from: alice, text: 'what should I focus on this afternoon?' });
      await openai.waitFor(() => true, 10_000);
      await tg.waitForCall('sendMessage', (c) => !c.error, 1, 10_000);
      tg.failNext('sendMessage', { code: 500 }, 2);
      tg.failNext('sendMessage', { drop: true });
      for (let i = 0; i < 3; i++) tg.sendText({ chatId: alice.id, from: alice, text: `/todo survive fault ${i}` });
      await tg.waitForCall('sendMessage', (c) => Boolean(c.error), 3, 15_000);
      tg.failNext('getUpdates', { code: 401 }); // the poll after the next update: the token is refused for good
      tg.sendText({ chatId: alice.id, from: alice, text: '/todos' });
    } catch (error) {
      throw new Error(`${String(error)}\noutput:\n${proc.output()}`);
    }
    expect(await exitWithin(proc, 15_000)).toBe(1); // 401 on getUpdates ends polling: the process stops
    expect(proc.output()).toMatch(/long polling stopped/);
    check(`telegram polling: getUpdates 500/drop/401, sendMessage 500/drop, model 401 quoting the key (${level})`, proc.output());
  });

  it('Telegram webhook: start-up refused quoting the secret, then a running webhook with bad requests and failing sends', async (ctx) => {
    const cleanups = cleanupsForThisTest(ctx);
    const tg = new FakeTelegramServer({ token: SECRETS.TELEGRAM_BOT_TOKEN });
    const apiRoot = await tg.start();
    cleanups.push(() => tg.stop());
    const port = await freePort();
    const dc = await discordFake(cleanups);
    const env = { ...SECRETS, DISCORD_API_URL: dc.apiUrl, TELEGRAM_API_ROOT: apiRoot, TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/hook', TELEGRAM_WEBHOOK_PORT: String(port), LOG_LEVEL: 'debug', DATABASE_URL: dbUrl() };

    tg.failNext('setWebhook', { code: 400, description: `Bad Request: secret_token ${SECRETS.TELEGRAM_WEBHOOK_SECRET} refused for bot${SECRETS.TELEGRAM_BOT_TOKEN}` });
    const refused = launch(env);
    cleanups.push(() => refused.kill());
    expect(await exitWithin(refused, 20_000)).toBe(1);
    expect(refused.output()).toContain('ClawChat failed to start');
    check('telegram webhook: setWebhook refused, the start-up error printed', refused.output());

    const proc = launch(env);
    cleanups.push(() => proc.kill());
    const post = (secret: string, body: unknown) => fetch(`http://127.0.0.1:${port}/hook`, {
      method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    });
    try {
      await tg.waitFor((c) => c.method === 'setWebhook' && !c.error, 20_000);
      for (let i = 0; i < 50 && !(await post('x', {}).then(() => true, () => false)); i++) await sleep(100);
      expect((await post(`${SECRETS.TELEGRAM_WEBHOOK_SECRET}-wrong`, {})).status).toBe(401);
      // Updates the handler chokes on, then messages whose replies fail.
      const malformed = [
        { message: { message_id: 1, date: 1, text: '/todos' } },
        { message: { message_id: 2, date: 1, chat: { type: 'private' }, from: null, text: 7 } },
        { callback_query: { id: 'q1', data: 'x', message: null } },
        { message: { message_id: 3, date: 1, chat: { id: alice.id, type: 'private' }, from: { id: alice.id, first_name: 'A' }, text: null, entities: 'nope' } },
      ];
      for (const [i, body] of malformed.entries()) await post(SECRETS.TELEGRAM_WEBHOOK_SECRET, { update_id: 900_001 + i, ...body });
      tg.failNext('sendMessage', { code: 500 }, 2);
      tg.failNext('sendMessage', { drop: true });
      for (let i = 0; i < 3; i++) {
        const update = tg.sendText({ chatId: alice.id, from: alice, text: `/todo webhook fault ${i}` });
        expect((await post(SECRETS.TELEGRAM_WEBHOOK_SECRET, update)).status).toBe(200);
      }
      await tg.waitForCall('sendMessage', (c) => Boolean(c.error), 3, 10_000);
      await sleep(500);
    } catch (error) {
      throw new Error(`${String(error)}\noutput:\n${proc.output()}`);
    }
    proc.kill('SIGTERM');
    await exitWithin(proc, 10_000);
    check('telegram webhook: wrong secret, malformed updates making the handler throw (BotError with ctx), sendMessage 500/drop (debug)', proc.output());
  }, 60_000);

  it('Discord: REST failing on registration and on replies', async (ctx) => {
    const cleanups = cleanupsForThisTest(ctx);
    const dc = new FakeDiscordServer({ token: SECRETS.DISCORD_BOT_TOKEN });
    await dc.start();
    cleanups.push(() => dc.stop());
    dc.failNext(/^PUT \/applications\/.*\/commands$/, { status: 500, message: `500: internal error for Bot ${SECRETS.DISCORD_BOT_TOKEN}` }, 6);
    const proc = launch({ ...SECRETS, TELEGRAM_BOT_TOKEN: '', TELEGRAM_WEBHOOK_SECRET: '', DISCORD_API_URL: dc.apiUrl, LOG_LEVEL: 'debug', DATABASE_URL: dbUrl() });
    cleanups.push(() => proc.kill());
    try {
      await dc.waitForGateway(20_000);
      await pollUntil(() => /discord bot ready/.test(proc.output()), 20_000);
      dc.failNext('POST /channels/:id/messages', { status: 500 }, 4);
      dc.failNext('POST /channels/:id/messages', { drop: true }, 2);
      dc.dmMessage({ user: { id: '555000111', username: 'dora' }, content: 'todo check the discord faults' });
      await pollUntil(() => dc.callsTo(/\/channels\/\d+\/messages$/, 'POST').length >= 3, 15_000);
      await sleep(500);
    } catch (error) {
      throw new Error(`${String(error)}\noutput:\n${proc.output()}`);
    }
    proc.kill('SIGTERM');
    await exitWithin(proc, 10_000);
    expect(proc.output()).toMatch(/registration failed|message failed|sending|failed; retrying/);
    check('discord: command registration 500 quoting the token, DM replies 500/drop (debug)', proc.output());
  }, 60_000);

  it('the libraries\' own errors and grammY\'s whole webhook context, logged as they are', async (ctx) => {
    const cleanups = cleanupsForThisTest(ctx);
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _e, cb) { lines.push(String(chunk)); cb(); } });
    const logger = createLogger('debug', sink, { secrets: Object.values(SECRETS) });
    const closedPort = await freePort();
    const tg = new FakeTelegramServer({ token: SECRETS.TELEGRAM_BOT_TOKEN });
    const openai = new FakeOpenAIServer();
    const dc = new FakeDiscordServer({ token: SECRETS.DISCORD_BOT_TOKEN });
    const apiRoot = await tg.start();
    const openaiUrl = await openai.start();
    await dc.start();
    cleanups.push(() => tg.stop(), () => openai.stop(), () => dc.stop());
    const caught = async (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e);

    // grammY: a network failure (HttpError around the fetch error quoting …/bot<token>/getMe) and a refused call.
    const down = new Api(SECRETS.TELEGRAM_BOT_TOKEN, { apiRoot: `http://127.0.0.1:${closedPort}` });
    logger.warn({ err: await caught(down.getMe()) }, 'grammY HttpError');
    tg.failNext('sendMessage', { code: 400, description: `Bad Request: token ${SECRETS.TELEGRAM_BOT_TOKEN}` });
    const api = new Api(SECRETS.TELEGRAM_BOT_TOKEN, { apiRoot });
    logger.error(await caught(api.sendMessage(alice.id, `webhook secret is ${SECRETS.TELEGRAM_WEBHOOK_SECRET}`)) as Error);

    // grammY's webhook context: a handler throws and the whole BotError (ctx.api carries the token) is logged.
    const bot = new Bot(SECRETS.TELEGRAM_BOT_TOKEN, { client: { apiRoot } });
    await bot.init();
    bot.on('message', () => { throw new Error('handler failed', { cause: new AggregateError([new Error(`retry of ${apiRoot}/bot${SECRETS.TELEGRAM_BOT_TOKEN}/sendMessage`)], 'all retries failed') }); });
    // As webhook mode gets it (handleUpdate rejects with a BotError carrying the context).
    const botError = await caught(bot.handleUpdate(tg.sendText({ chatId: alice.id, from: alice, text: 'hello' }))) as { ctx: unknown };
    expect(botError.ctx).toBeDefined();
    logger.error({ err: botError, ctx: botError.ctx }, 'webhook handler failed');

    // discord.js REST: a 500 answer (DiscordAPIError with url and request body) and an unreachable API.
    dc.failNext(/^GET \/users\/@me$/, { status: 500, message: `Internal error for Bot ${SECRETS.DISCORD_BOT_TOKEN}` }, 10);
    const rest = new REST({ api: dc.apiUrl, retries: 0 }).setToken(SECRETS.DISCORD_BOT_TOKEN);
    logger.error({ err: await caught(rest.get('/users/@me')), rest }, 'discord REST failed');
    const restDown = new REST({ api: `http://127.0.0.1:${closedPort}/api`, retries: 0 }).setToken(SECRETS.DISCORD_BOT_TOKEN);
    logger.error({ err: await caught(restDown.get('/users/@me')) }, 'discord REST unreachable');

    // openai: a 401 quoting the key, and the connection refused; the client itself logged too.
    openai.setDefault({ status: 401, errorMessage: `Incorrect API key provided: ${SECRETS.OPENAI_API_KEY}` });
    const client = new OpenAI({ apiKey: SECRETS.OPENAI_API_KEY, baseURL: `${openaiUrl}/v1`, maxRetries: 0 });
    logger.warn({ err: await caught(client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })), client }, 'model failed');
    const clientDown = new OpenAI({ apiKey: SECRETS.OPENAI_API_KEY, baseURL: `http://127.0.0.1:${closedPort}/v1`, maxRetries: 0 });
    logger.warn({ err: await caught(clientDown.models.list()) }, 'model unreachable');

    // Settings and headers nested anywhere, and a child logger's bindings.
    logger.child({ settings: { ...SECRETS } }).info({ request: { headers: { Authorization: `Bearer ${SECRETS.OPENAI_API_KEY}`, cookie: 's=1' }, url: new URL(`${apiRoot}/bot${SECRETS.TELEGRAM_BOT_TOKEN}/getMe?token=${SECRETS.TELEGRAM_WEBHOOK_SECRET}`) } }, 'nested');
    logger.info(`format args: %s %o`, SECRETS.DISCORD_BOT_TOKEN, { deep: [{ x: { y: { apiKey: SECRETS.OPENAI_API_KEY } } }] });

    await sleep(50);
    const text = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(9);
    expect(text).toContain('[redacted]');
    check('in-process: grammY HttpError/GrammyError, BotError with ctx, discord.js REST errors, openai errors, nested settings/headers/URLs, child bindings, format args', text);
  }, 30_000);
});

async function pollUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(100);
  }
}
