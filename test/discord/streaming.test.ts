/**
 * Streamed model answers on Discord (fake OpenAI as the model): `/ask` is deferred at once, the
 * answer grows through editReply at most once a second, continues in follow-ups past 2,000
 * characters, carries a Stop button while it runs and ends with exactly the model's text; Stop
 * ends it, a 429 mid-stream is waited out, and a DM conversation streams through the channel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeOpenAIServer } from '../fakes/fake-openai.ts';
import type { DiscordCall } from '../fakes/fake-discord.ts';
import { pollUntil } from '../fakes/http-util.ts';
import { alice, startHarness, type DiscordHarness } from './discord-harness.ts';

/** An answer of `length` characters in lines, streamed as 100-character chunks. */
function longAnswer(length: number): { text: string; chunks: string[] } {
  let text = '';
  for (let i = 1; text.length < length; i++) text += `Line ${String(i).padStart(3, '0')}: the quick brown fox and the lazy dog take turns.\n`;
  text = `${text.slice(0, length - 1)}.`;
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += 100) chunks.push(text.slice(i, i + 100));
  return { text, chunks };
}

describe('Discord streamed answers', () => {
  let h: DiscordHarness | undefined;
  let ai: FakeOpenAIServer | undefined;
  afterEach(async () => {
    await h?.close();
    await ai?.stop();
    h = undefined;
    ai = undefined;
  });

  const start = async () => {
    ai = new FakeOpenAIServer();
    const url = await ai.start();
    h = await startHarness({ env: { OPENAI_BASE_URL: `${url}/v1`, OPENAI_API_KEY: 'test', OPENAI_MODEL: 'gpt-fake', OPENAI_TIMEOUT_MS: '10000' } });
    return { h, ai };
  };

  /** The interaction's messages (original + follow-ups), oldest first, as shown now. */
  const messagesOf = (h: DiscordHarness, interactionId: string, channelId: string) =>
    h.dc.messagesIn(channelId).filter((m) => m.interactionId === interactionId);

  /** Times of the writes to each message of the interaction: creation (edit of the deferral / follow-up POST) and edits. */
  function writeTimes(h: DiscordHarness, token: string): number[][] {
    const byMessage = new Map<string, number[]>();
    const ok = (c: DiscordCall) => c.status === 200 && c.path.includes(`/${token}`);
    for (const c of h.dc.calls.filter(ok)) {
      const edit = /\/messages\/(@original|\d+)$/.exec(c.path);
      const key = edit ? (edit[1] === '@original' ? 'original' : edit[1]!) : String((c.response as { id?: string }).id);
      if (c.method === 'PATCH' || c.method === 'POST') byMessage.set(key, [...(byMessage.get(key) ?? []), c.at]);
    }
    return [...byMessage.values()];
  }

  it('streams a 5,000-character /ask: deferred at once, edits at most once a second, follow-ups past 2,000, exact final text', async () => {
    const { h, ai } = await start();
    const answer = longAnswer(5_000);
    ai.enqueue({ content: answer.chunks, delayFirstMs: 300, chunkDelayMs: 40 });
    const rec = h.command(alice, 'ask', { options: { question: 'tell me a long story about a fox' } });
    await pollUntil(() => rec.callbacks[0], 2_000, 'deferral', () => h.dc.describeCalls());
    expect(rec.callbacks[0]!.type).toBe(5);
    expect(rec.callbacks[0]!.at - rec.dispatchedAt).toBeLessThan(1_000);

    const firstEdit = await h.dc.waitFor((c) => c.method === 'PATCH' && c.path.endsWith(`${rec.token}/messages/@original`) && c.status === 200, 5_000);
    const firstButtons = JSON.stringify(firstEdit.body.components);
    expect(firstButtons).toMatch(/"custom_id":"stop"/);

    await expect.poll(() => messagesOf(h, rec.id, rec.channelId).map((m) => m.content).join(''), { timeout: 15_000 }).toBe(answer.text);
    const messages = messagesOf(h, rec.id, rec.channelId);
    expect(messages).toHaveLength(3);
    for (const m of messages) {
      expect(m.content.length).toBeLessThanOrEqual(2_000);
      expect(m.raw.components ?? []).toEqual([]); // the Stop button is gone at the end
      expect(m.ephemeral).toBe(false);
    }
    for (const times of writeTimes(h, rec.token)) {
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(950);
    }
    expect(h.dc.calls.filter((c) => c.path.includes(rec.token) && (c.status ?? 0) >= 400)).toEqual([]);
  }, 30_000);

  it('stops when Stop is pressed, keeping what was shown and saying it stopped', async () => {
    const { h, ai } = await start();
    const answer = longAnswer(3_000);
    ai.enqueue({ content: answer.chunks, delayFirstMs: 100, chunkDelayMs: 150 });
    const rec = h.command(alice, 'ask', { options: { question: 'tell me another long story' } });
    await h.dc.waitFor((c) => c.method === 'PATCH' && c.path.endsWith(`${rec.token}/messages/@original`) && c.status === 200, 5_000);
    const original = messagesOf(h, rec.id, rec.channelId)[0]!;
    const stop = h.press(alice, 'stop', original.id);
    const stopped = await h.answer(stop, 5_000);
    expect(stopped[0]!.content).toBe('Stopped.');
    await expect.poll(() => messagesOf(h, rec.id, rec.channelId).map((m) => m.content).join(''), { timeout: 10_000 }).toMatch(/⏹ stopped$/);
    const shown = messagesOf(h, rec.id, rec.channelId).map((m) => m.content).join('');
    expect(shown.length).toBeLessThan(answer.text.length);
  }, 30_000);

  it('waits out a 429 on an edit and still ends with the exact text', async () => {
    const { h, ai } = await start();
    const answer = longAnswer(1_500);
    ai.enqueue({ content: answer.chunks, delayFirstMs: 100, chunkDelayMs: 100 });
    h.dc.failNext(/^PATCH \/webhooks\/\d+\/[^/]+\/messages\/@original$/, { status: 429, retryAfter: 0.3 }, 1);
    const rec = h.command(alice, 'ask', { options: { question: 'a medium story please' } });
    await expect.poll(() => messagesOf(h, rec.id, rec.channelId).map((m) => m.content).join(''), { timeout: 15_000 }).toBe(answer.text);
    expect(h.dc.calls.some((c) => c.status === 429)).toBe(true);
  }, 30_000);

  it('streams a DM conversation through the bot channel', async () => {
    const { h, ai } = await start();
    const answer = longAnswer(2_500);
    ai.enqueue({ content: answer.chunks, delayFirstMs: 100, chunkDelayMs: 30 });
    const dm = h.dc.dmChannelId(alice);
    h.dc.dmMessage({ user: alice, content: 'tell me a story in the DM' });
    const bot = () => h.dc.messagesIn(dm).filter((m) => m.authorId === h.dc.botUser.id);
    await expect.poll(() => bot().map((m) => m.content).join(''), { timeout: 15_000 }).toBe(answer.text);
    expect(bot()).toHaveLength(2);
    expect(bot().every((m) => (m.raw.components as unknown[]).length === 0)).toBe(true);
  }, 30_000);
});
