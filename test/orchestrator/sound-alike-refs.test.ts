/**
 * A todo named in another script or spelling is still found: "دودھ والا کام ہو گیا" completes the
 * todo "doodh lena", "doodh wala kaam ho gaya" completes "دودھ لینا", "/done bijlee ka bil" completes
 * "bijli ka bill". Through the real app (commands, free text, tools, SQLite with its FTS index).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, visible, type Harness } from '../helpers/harness.ts';

let h: Harness;
beforeAll(async () => { h = await createHarness({ RATE_LIMIT_PER_MINUTE: '1000' }); });
afterAll(async () => { await h.cleanup(); });

const statusOf = async (user: string, title: string) =>
  (await h.app.db.todo.findFirstOrThrow({ where: { title, createdBy: { identities: { some: { externalId: user } } } } })).status;

describe('refs across scripts and spellings', () => {
  it('an Urdu-script ref finds a Roman title (command and free text)', async () => {
    const user = 'x1';
    await h.say('/todo doodh lena', { user });
    await h.say('/todo bank jana', { user });
    const reply = await h.say('/done دودھ', { user });
    expect(visible(reply)).toContain('doodh lena');
    expect(await statusOf(user, 'doodh lena')).toBe('done');
    expect(await statusOf(user, 'bank jana')).toBe('open');

    await h.say('/todo ammi ko call karna', { user });
    const free = await h.say('امی والا کام ہو گیا', { user });
    expect(visible(free)).toContain('ammi ko call karna');
    expect(await statusOf(user, 'ammi ko call karna')).toBe('done');
  });

  it('a Roman ref finds an Urdu-script title', async () => {
    const user = 'x2';
    await h.say('/todo دودھ لینا', { user });
    const reply = await h.say('doodh wala kaam ho gaya', { user });
    expect(visible(reply)).toContain('دودھ لینا');
    expect(await statusOf(user, 'دودھ لینا')).toBe('done');
  });

  it('Roman spelling variants find each other', async () => {
    const user = 'x3';
    await h.say('/todo bijli ka bill', { user });
    await h.say('/todo shaadi ka card', { user });
    await h.say('/todo dhoodh', { user });
    expect(visible(await h.say('/done bijlee ka bil', { user }))).toContain('bijli ka bill');
    expect(visible(await h.say('/done shadi card', { user }))).toContain('shaadi ka card');
    expect(visible(await h.say('/done dudh', { user }))).toContain('dhoodh');
    for (const title of ['bijli ka bill', 'shaadi ka card', 'dhoodh']) expect(await statusOf(user, title)).toBe('done');
  });

  it('an unrelated ref still finds nothing and says so', async () => {
    const user = 'x4';
    await h.say('/todo doodh lena', { user });
    // Roman Urdu makes the reply Urdu: "'daal' سے ملتا ہوا کوئی کام نہیں ملا۔"
    for (const ref of ['daal', 'دال']) {
      const reply = visible(await h.say(`/done ${ref}`, { user }));
      expect(reply).toMatch(new RegExp(`^"${ref}" سے ملتا ہوا کوئی کام نہیں ملا۔$`));
    }
    expect(await statusOf(user, 'doodh lena')).toBe('open');
  });

  it('two todos that sound alike ask which one; the answer completes it', async () => {
    const user = 'x5';
    await h.say('/todo doodh lena', { user });
    await h.say('/todo دودھ والے کو پیسے دینا', { user });
    const ask = await h.say('/done dudh', { user });
    expect(ask!.text).toBe('Several todos match "dudh". Which one? Reply with its number:');
    expect(ask!.card?.type === 'list' ? ask!.card.items.map((i) => i.title).sort() : []).toEqual(['doodh lena', 'دودھ والے کو پیسے دینا'].sort());
    expect(await statusOf(user, 'doodh lena')).toBe('open');
    const position = ask!.card?.type === 'list' ? ask!.card.items.find((i) => i.title === 'doodh lena')!.position : 0;
    expect(visible(await h.say(String(position), { user }))).toContain('doodh lena');
    expect(await statusOf(user, 'doodh lena')).toBe('done');
    expect(await statusOf(user, 'دودھ والے کو پیسے دینا')).toBe('open');
  });

  it("another person's sound-alike todo is not found", async () => {
    await h.say('/todo doodh lena', { user: 'x6' });
    expect((await h.say('/done دودھ', { user: 'x7' }))!.text).toContain('"دودھ"');
    expect(await statusOf('x6', 'doodh lena')).toBe('open');
  });

  it('/search falls back to sound-alike words when no word matches', async () => {
    const user = 'x8';
    await h.say('/todo دودھ لینا', { user });
    await h.say('/memo ammi ka number 0300', { user });
    const reply = await h.say('/search doodh', { user });
    expect(visible(reply)).toContain('دودھ لینا');
    expect(visible(await h.say('/search امی', { user }))).toContain('ammi ka number');
    expect((await h.say('/search zebra', { user }))!.text).toContain('Nothing found');
  });
});
