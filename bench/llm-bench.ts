/**
 * LLM-layer benchmarks (run alone with `npx tsx bench/llm-bench.ts`, or through `npm run bench`):
 *
 * 1. Orchestrator overhead between the model's first token and the first flush reaching the
 *    Channel: a local SSE server writes the first content token and notes the time; the real app
 *    (createApp: orchestrator → LLM chat agent → openai SDK → ReplyStream) runs a chat message and
 *    the Channel notes when the first send arrives. Target: p50 under 20 ms.
 * 2. Channel writes for a 20-second, 2,000-token answer at a 1-second minimum edit interval, on a
 *    fake clock (deterministic): sends + edits must be at most 21 and the final text exact.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Channel, MessageHandle } from '../src/core/channel.ts';
import { systemClock } from '../src/core/clock.ts';
import type { ConversationRef } from '../src/core/inbound.ts';
import type { Reply } from '../src/core/reply.ts';
import { createLogger } from '../src/logger.ts';
import { ReplyStream } from '../src/orchestrator/reply-stream.ts';
import { FakeClock } from '../test/fakes/fake-clock.ts';

/** One benchmark figure. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target: string;
  pass: boolean;
  detail?: string;
}

const conversation: ConversationRef = { platform: 'console', chatId: 'bench', kind: 'dm' };

/** An OpenAI-compatible SSE server that records when it wrote each answer's first token. */
async function firstTokenServer(): Promise<{ url: string; firstTokenAt: number[]; close(): Promise<void> }> {
  const firstTokenAt: number[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (delta: object, finish: string | null = null) =>
        `data: ${JSON.stringify({ id: 'b', object: 'chat.completion.chunk', created: 0, model: 'bench', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      res.write(chunk({ role: 'assistant', content: '' }));
      setTimeout(() => {
        firstTokenAt.push(performance.now());
        res.write(chunk({ content: 'Hello' }));
        setTimeout(() => {
          res.write(chunk({ content: ' there, this is the rest of the answer.' }));
          res.end(`${chunk({}, 'stop')}data: [DONE]\n\n`);
        }, 5);
      }, 20);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, firstTokenAt, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A Channel that notes when each first send arrives. */
function timingChannel(): Channel & { firstSendAt: number[] } {
  let n = 0;
  const firstSendAt: number[] = [];
  return {
    platform: 'console', firstSendAt,
    capabilities: { maxMessageLength: 4096, minEditIntervalDmMs: 1_000, minEditIntervalGroupMs: 3_000, buttons: true, format: 'plain' },
    async send(conv: ConversationRef): Promise<MessageHandle> {
      firstSendAt.push(performance.now());
      return { conversation: conv, messageId: String(++n) };
    },
    async edit() {},
    async sendDirect(): Promise<MessageHandle> { return { conversation, messageId: String(++n) }; },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Benchmark 1 (see file comment). */
export async function firstFlushOverhead(iterations = 60): Promise<BenchResult> {
  const server = await firstTokenServer();
  const file = path.join(os.tmpdir(), `clawchat-bench-${randomUUID()}.db`);
  // A short edit interval keeps each iteration fast; the first flush never waits for it anyway.
  const config = loadConfig({ DATABASE_URL: `file:${file}`, OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_API_KEY: 'bench', RATE_LIMIT_PER_MINUTE: '10000' });
  const app = await createApp(config, createLogger('silent'), systemClock);
  const channel = timingChannel();
  (channel.capabilities as { minEditIntervalDmMs: number }).minEditIntervalDmMs = 0;
  const overheads: number[] = [];
  try {
    for (let i = 0; i < iterations; i++) {
      // Fresh conversation each time so the history window stays the same size.
      await app.orchestrator.handle({ type: 'command', name: 'new', args: '', conversation, actor: { platform: 'console', userId: 'bench', displayName: 'Bench' }, receivedAt: new Date(), messageId: `n${i}` });
      const before = channel.firstSendAt.length;
      await app.orchestrator.handle(
        { type: 'text', text: 'how are you today?', conversation, actor: { platform: 'console', userId: 'bench', displayName: 'Bench' }, receivedAt: new Date(), messageId: `m${i}` },
        { channel, conversation },
      );
      if (i >= 5 && channel.firstSendAt.length > before) overheads.push(channel.firstSendAt[before]! - server.firstTokenAt[i]!);
    }
  } finally {
    await app.close();
    await server.close();
    await Promise.all(['', '-wal', '-shm'].map((s) => rm(file + s, { force: true })));
  }
  const p50 = percentile(overheads, 50);
  return {
    name: 'llm: first token → first channel flush (p50)', value: Number(p50.toFixed(2)), unit: 'ms', target: '< 20 ms', pass: p50 < 20,
    detail: `p90 ${percentile(overheads, 90).toFixed(2)} ms, max ${Math.max(...overheads).toFixed(2)} ms over ${overheads.length} answers (real openai SDK over 127.0.0.1)`,
  };
}

/** Benchmark 2 (see file comment). */
export async function editsForLongAnswer(): Promise<BenchResult> {
  const clock = new FakeClock();
  let writes = 0;
  const shown = new Map<string, string>();
  let n = 0;
  const channel: Channel = {
    platform: 'telegram',
    capabilities: { maxMessageLength: 4096, minEditIntervalDmMs: 1_000, minEditIntervalGroupMs: 3_000, buttons: true, format: 'plain' },
    async send(conv: ConversationRef, reply: Reply) { writes++; const id = String(++n); shown.set(id, reply.text); return { conversation: conv, messageId: id }; },
    async edit(handle: MessageHandle, reply: Reply) { writes++; shown.set(handle.messageId, reply.text); },
    async sendDirect(): Promise<MessageHandle> { throw new Error('unused'); },
  };
  const stream = new ReplyStream({ channel, conversation: { platform: 'telegram', chatId: '1', kind: 'dm' }, clock });
  let full = '';
  stream.start();
  for (let i = 0; i < 2_000; i++) {
    const token = i % 12 === 11 ? ' end.\n' : ' word';
    full += token;
    stream.push(token);
    await clock.advance(10);
  }
  const finished = stream.finish();
  let done = false;
  void finished.then(() => { done = true; });
  while (!done) await clock.advance(50);
  const exact = [...shown.values()].join('') === full;
  return {
    name: 'llm: channel writes for a 20 s, 2,000-token answer at 1 s interval', value: writes, unit: 'writes',
    target: '≤ 21 and exact final text', pass: writes <= 21 && exact,
    detail: `${stream.writes.sends} sends + ${stream.writes.edits} edits, ${full.length} chars in ${shown.size} message(s), final text exact: ${exact}`,
  };
}

/** Runs both; used by bench/run.ts. */
export async function runLlmBench(): Promise<BenchResult[]> {
  return [await firstFlushOverhead(), await editsForLongAnswer()];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await runLlmBench();
  for (const r of results) process.stdout.write(`${r.pass ? 'PASS' : 'FAIL'}  ${r.name}: ${r.value} ${r.unit} (target ${r.target})${r.detail ? `\n      ${r.detail}` : ''}\n`);
  if (results.some((r) => !r.pass)) process.exitCode = 1;
}
