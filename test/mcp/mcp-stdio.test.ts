import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/services/index.ts';
import { createTempDb } from '../helpers/temp-db.ts';
import { BAD_INPUTS, expectStoredAsCase, storedSnapshot } from '../helpers/bad-inputs.ts';

const root = path.resolve(import.meta.dirname, '../..');

let temp: Awaited<ReturnType<typeof createTempDb>>;
let client: Client;
let stderr = '';
let me: number;
let stranger: number;

beforeAll(async () => {
  temp = await createTempDb();
  const services = createServices(temp.db);
  me = (await services.users.resolveIdentity({ platform: 'telegram', externalId: '12345', displayName: 'Ali' })).user.id;
  await services.users.setTimezone(me, 'Asia/Karachi');
  stranger = (await services.users.resolveIdentity({ platform: 'telegram', externalId: '999', displayName: 'Someone else' })).user.id;
  const ctx = (userId: number) => ({ userId, scope: { kind: 'personal' as const, userId }, isSpaceAdmin: false, timeZone: 'Asia/Karachi', now: new Date() });
  await services.todos.create(ctx(stranger), { title: 'secret milk plan' });
  await services.memos.create(ctx(me), { content: 'the milkman comes on Tuesdays' });

  // Exactly what an MCP client configuration runs: `npm run --silent mcp` with the settings in env.
  const transport = new StdioClientTransport({
    command: 'npm', args: ['run', '--silent', 'mcp'], cwd: root, stderr: 'pipe',
    env: { ...(process.env as Record<string, string>), DATABASE_URL: `file:${temp.file}`, MCP_USER: 'telegram:12345', LOG_LEVEL: 'warn' },
  });
  transport.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  client = new Client({ name: 'clawchat-test', version: '1.0.0' });
  await client.connect(transport);
}, 60_000);

afterAll(async () => {
  await client?.close();
  await temp?.cleanup();
});

describe('npm run mcp (stdio)', () => {
  it('lists the registry\'s tools with their JSON schemas', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['create_todo', 'list_todos', 'complete_todo', 'search', 'create_event', 'list_events', 'create_memo']));
    expect(names).not.toContain('general_chat');
    const create = tools.find((t) => t.name === 'create_todo')!;
    expect(create.inputSchema.required).toEqual(['title']);
    expect(Object.keys(create.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['title', 'due', 'priority']));
  });

  it('creates, searches and completes todos of the configured user only', async () => {
    const created = await client.callTool({ name: 'create_todo', arguments: { title: 'buy milk', due: '2030-01-05T09:00:00+05:00', priority: 'high' } });
    expect(created.isError).toBeFalsy();
    expect(JSON.stringify(created.content)).toContain('buy milk');
    expect(created.structuredContent).toMatchObject({ status: 'created', todo: { title: 'buy milk' } });
    const row = await temp.db.todo.findFirstOrThrow({ where: { title: 'buy milk' } });
    expect(row.ownerId).toBe(me);
    expect(row.dueAt?.toISOString()).toBe('2030-01-05T04:00:00.000Z');
    // The reminder for it is planned in the shared outbox for the bot process to deliver.
    expect(await temp.db.notification.count({ where: { sourceType: 'todo', sourceId: row.id, userId: me } })).toBe(1);

    const found = await client.callTool({ name: 'search', arguments: { query: 'milk' } });
    const text = JSON.stringify(found.content);
    expect(text).toContain('buy milk');
    expect(text).toContain('milkman');
    expect(text).not.toContain('secret milk plan');

    const done = await client.callTool({ name: 'complete_todo', arguments: { ref: 'buy milk' } });
    expect(done.structuredContent).toMatchObject({ status: 'completed', title: 'buy milk' });
    expect((await temp.db.todo.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('done');
  });

  it('refuses arguments that try to act for another user, as a tool error the model can read', async () => {
    for (const args of [{ title: 'sneaky', userId: stranger }, { title: 'sneaky', user: 'telegram:999' }, { query: 'secret', ownerId: stranger }]) {
      const name = 'title' in args ? 'create_todo' : 'search';
      const result = await client.callTool({ name, arguments: args });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/acts only for telegram:12345/);
    }
    expect(await temp.db.todo.count({ where: { title: 'sneaky' } })).toBe(0);
  });

  it('answers tool failures with isError results carrying the plain message; only an unknown tool is a protocol error', async () => {
    const invalid = await client.callTool({ name: 'create_todo', arguments: { title: '', due: 'next tuesday' } });
    expect(invalid.isError).toBe(true);
    expect(textOf(invalid)).toMatch(/Invalid arguments for create_todo: .*title.*due: must be an ISO 8601/s);
    const missing = await client.callTool({ name: 'complete_todo', arguments: { ref: 'unicorn' } });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/couldn't find|could not find|no todo/i);
    expect(textOf(missing)).not.toMatch(/MCP error|-32602|failed unexpectedly/);
    const unknown = await client.callTool({ name: 'drop_tables', arguments: {} }).catch((e: unknown) => e as McpError);
    expect(unknown).toBeInstanceOf(McpError);
    expect((unknown as McpError).code).toBe(ErrorCode.InvalidParams);
    expect((unknown as McpError).message).toMatch(/Unknown tool "drop_tables"/);
    expect(stderr).not.toMatch(/"level":"error"/);
  });

  it('answers an empty search or list with the empty message alone, no heading after it', async () => {
    const search = await client.callTool({ name: 'search', arguments: { query: 'zebra' } });
    expect(search.isError).toBeFalsy();
    expect(textOf(search).split('\n')).toHaveLength(1);
    const events = await client.callTool({ name: 'list_events', arguments: {} });
    expect(textOf(events).split('\n')).toHaveLength(1);
    expect(textOf(events)).not.toMatch(/^Events|Upcoming/m);
  });
});

describe('npm run mcp: events', () => {
  it('lists an all-day event as all day, with its zone, in text and structured content', async () => {
    const services = createServices(temp.db);
    const ctx = { userId: me, scope: { kind: 'personal' as const, userId: me }, isSpaceAdmin: false, timeZone: 'Asia/Karachi', now: new Date() };
    const start = new Date(Date.now() + 3 * 86_400_000);
    start.setUTCHours(19, 0, 0, 0); // midnight in Karachi
    await services.events.create(ctx, { title: 'Eid holiday', start, end: new Date(start.getTime() + 86_400_000), allDay: true });
    const listed = await client.callTool({ name: 'list_events', arguments: {} });
    expect(textOf(listed)).toMatch(/Eid holiday[\s\S]*all day/);
    expect(listed.structuredContent).toMatchObject({ events: [expect.objectContaining({ title: 'Eid holiday', allDay: true, timeZone: 'Asia/Karachi' })] });
  });
});

/** The text content of a tool result. */
function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  return (result.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');
}

/** A tool call's answer as text, whether the server reports a failure as an MCP error or an isError result. */
async function callText(name: string, args: Record<string, unknown>): Promise<string> {
  try {
    const result = await client.callTool({ name, arguments: args });
    return (result.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('\n');
  } catch (error) {
    if (error instanceof McpError) return error.message;
    throw error;
  }
}

// The shared table (test/helpers/bad-inputs.ts), where the entry applies to a tool call.
describe('MCP: issue 13 bad inputs', () => {
  const cases = BAD_INPUTS.filter((c) => c.mcp);
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await storedSnapshot(temp.db);
    expect(await callText(c.mcp!.tool, c.mcp!.args)).toMatch(c.mcp!.reply);
    await expectStoredAsCase(temp.db, c, before);
  });

  it('strips control characters from every string argument (memo content keeps its line breaks)', async () => {
    await callText('create_memo', { content: 'line one\u0000\nline\ttwo\u001b[1m' });
    const memo = await temp.db.memo.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(memo.content).toBe('line one\nline\ttwo');
  });
});
