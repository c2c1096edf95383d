/**
 * The contract every Channel (src/core/channel.ts) keeps, whatever the platform (house rule 8: one
 * suite runs against every implementation). The core — ReplyStream, the scheduler's direct
 * messages, button replies — relies on exactly these behaviours.
 *
 * Each platform says how it is reached (`setup`) and how its fake reads back what a person now
 * sees. Where platforms genuinely differ (over-long text, right-to-left marks, groups), the
 * difference is a named `PlatformTraits` value and the test name says what this platform does; a
 * behaviour is never skipped silently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, ConversationRef, DirectTarget, MessageHandle, Reply } from '../../src/core/index.ts';
import { splitMessage } from '../../src/orchestrator/index.ts';

/** A running Channel over its platform's fake, and ways to see what the platform shows. */
export interface ChannelUnderTest {
  channel: Channel;
  /** A private conversation with one person. */
  dm: ConversationRef;
  /** A group conversation, on platforms that have them (see PlatformTraits.groups). */
  group?: ConversationRef;
  /** Someone `sendDirect` can reach... */
  directTarget: DirectTarget;
  /** ...and where their direct messages must appear (read with `readAll`). */
  directInbox: ConversationRef;
  /** The text the platform now shows for that message (tags, escapes and entities resolved), from the fake's log. */
  readBack(handle: MessageHandle): Promise<string | undefined>;
  /** Every bot message the platform shows in a conversation, oldest first, as `readBack` shows each. */
  readAll(conversation: ConversationRef): Promise<string[]>;
  /** The action data of the buttons shown under that message ([] when none). */
  readButtons(handle: MessageHandle): Promise<string[]>;
  teardown(): Promise<void>;
}

/** What a platform does where platforms legitimately differ. Each value is asserted, none skipped. */
export interface PlatformTraits {
  /** Whether the platform has group conversations (setup must then give `group`). */
  groups: boolean;
  /** A `send` longer than maxMessageLength: continued in further messages split like splitMessage, or shown whole. */
  overLongSend: 'split' | 'whole';
  /**
   * An `edit` longer than maxMessageLength: cut to exactly the limit ending in "…", replaced by the
   * first splitMessage piece only (the rest is not shown), or shown whole.
   */
  overLongEdit: 'cut-with-ellipsis' | 'first-piece' | 'whole';
  /**
   * Editing a message that is no longer the newest: changed in place, or (a terminal, which can
   * only redraw the message still being written) printed again as a fresh copy below the others.
   */
  earlierEdit: 'in-place' | 'fresh-copy-below';
  /** Urdu replies: each non-empty line gets a leading U+200F RIGHT-TO-LEFT MARK, or the text is shown as is. */
  urduLines: 'rlm-prefixed' | 'as-is';
}

const RLM = '\u200F';

/** Text made of words, exactly `length` UTF-16 units long (so a splitter has word boundaries to use). */
function words(length: number, seed = 'lorem ipsum dolor sit amet consectetur '): string {
  return seed.repeat(Math.ceil(length / seed.length) + 1).slice(0, length).replace(/ $/, 'x');
}

const describeOverLongSend = (t: PlatformTraits['overLongSend']) =>
  t === 'split' ? 'is continued in a second message, split on a word boundary exactly like splitMessage' : 'is shown whole in one message (the limit is not enforced)';
const describeOverLongEdit = (t: PlatformTraits['overLongEdit']) =>
  ({
    'cut-with-ellipsis': 'is cut to exactly maxMessageLength, ending in "…"',
    'first-piece': 'shows only the first splitMessage piece; the rest is dropped without a mark',
    whole: 'is shown whole (the limit is not enforced)',
  })[t];
const describeEarlierEdit = (t: PlatformTraits['earlierEdit']) =>
  t === 'in-place' ? 'changes it in place' : 'prints the new text as a fresh copy below (the old copy stays on screen)';
const describeUrdu = (t: PlatformTraits['urduLines']) =>
  t === 'rlm-prefixed' ? 'with a right-to-left mark added at the start of each line' : 'character for character, no marks added';

/** Defines the contract suite for one Channel implementation. */
export function channelContract(name: string, setup: () => Promise<ChannelUnderTest>, traits: PlatformTraits): void {
  describe(`Channel contract: ${name}`, () => {
    let s: ChannelUnderTest;
    beforeAll(async () => { s = await setup(); });
    afterAll(async () => { await s?.teardown(); });

    /** The conversations to exercise send/edit in: the DM, and the group where the platform has one. */
    const conversations = (): ConversationRef[] => [s.dm, ...(s.group ? [s.group] : [])];
    const sendAndRead = async (conversation: ConversationRef, reply: Reply) => {
      const before = (await s.readAll(conversation)).length;
      const handle = await s.channel.send(conversation, reply);
      return { handle, added: (await s.readAll(conversation)).slice(before) };
    };

    it('has sane capabilities and speaks for its own platform', () => {
      const c = s.channel.capabilities;
      expect(Number.isInteger(c.maxMessageLength) && c.maxMessageLength > 0).toBe(true);
      expect(Number.isFinite(c.minEditIntervalDmMs) && c.minEditIntervalDmMs >= 0).toBe(true);
      expect(Number.isFinite(c.minEditIntervalGroupMs) && c.minEditIntervalGroupMs >= 0).toBe(true);
      expect(c.minEditIntervalGroupMs).toBeGreaterThanOrEqual(c.minEditIntervalDmMs);
      expect(typeof c.buttons).toBe('boolean');
      expect(['html', 'markdown', 'plain']).toContain(c.format);
      for (const ref of [s.dm, s.group, s.directInbox]) if (ref) expect(ref.platform).toBe(s.channel.platform);
      expect(s.directTarget.platform).toBe(s.channel.platform);
    });

    it(traits.groups ? 'has group conversations (the suite also runs send/edit in one)' : 'has no group conversations (send/edit run in the DM only)', () => {
      expect(s.dm.kind).toBe('dm');
      if (traits.groups) expect(s.group?.kind).toBe('group');
      else expect(s.group).toBeUndefined();
    });

    it('send returns a handle for the conversation whose messageId is non-empty and distinct per message', async () => {
      for (const conversation of conversations()) {
        const handles: MessageHandle[] = [];
        for (const text of ['one', 'two', 'three']) {
          const { handle, added } = await sendAndRead(conversation, { text });
          expect(added).toEqual([text]);
          expect(await s.readBack(handle)).toBe(text);
          handles.push(handle);
        }
        for (const h of handles) {
          expect(typeof h.messageId).toBe('string');
          expect(h.messageId).not.toBe('');
          expect(h.conversation).toMatchObject({ platform: conversation.platform, chatId: conversation.chatId, kind: conversation.kind });
        }
        expect(new Set(handles.map((h) => h.messageId)).size).toBe(handles.length);
      }
    });

    it('edit replaces the text of that message, in place, and leaves the others alone', async () => {
      for (const conversation of conversations()) {
        const first = await s.channel.send(conversation, { text: 'first draft' });
        const { handle } = await sendAndRead(conversation, { text: 'Thinking' });
        const before = (await s.readAll(conversation)).length;
        await s.channel.edit(handle, { text: 'Thinking…' });
        await s.channel.edit(handle, { text: 'Thinking… done.\nSecond line.' });
        expect(await s.readBack(handle)).toBe('Thinking… done.\nSecond line.');
        await s.channel.edit(handle, { text: 'Rewritten entirely' });
        expect(await s.readBack(handle)).toBe('Rewritten entirely');
        expect(await s.readBack(first)).toBe('first draft');
        // The edits added no messages (a terminal that redraws in place counts as in place).
        expect(await s.readAll(conversation)).toHaveLength(before);
      }
    });

    it(`editing an earlier message (not the newest) ${describeEarlierEdit(traits.earlierEdit)}`, async () => {
      const earlier = await s.channel.send(s.dm, { text: 'earlier message' });
      await s.channel.send(s.dm, { text: 'newer message' });
      const before = await s.readAll(s.dm);
      await s.channel.edit(earlier, { text: 'earlier message, edited' });
      expect(await s.readBack(earlier)).toBe('earlier message, edited');
      const after = await s.readAll(s.dm);
      if (traits.earlierEdit === 'in-place') {
        expect(after).toEqual([...before.slice(0, -2), 'earlier message, edited', 'newer message']);
      } else {
        expect(after).toEqual([...before, 'earlier message, edited']);
      }
    });

    it('editing with the same text (and same card and buttons) resolves without error', async () => {
      const handle = await s.channel.send(s.dm, { text: 'same' });
      await expect(s.channel.edit(handle, { text: 'same' })).resolves.toBeUndefined();
      expect(await s.readBack(handle)).toBe('same');
      const rich: Reply = { text: 'Done: milk', card: { type: 'item', item: { kind: 'todo', id: 7, title: 'milk', details: [], done: true } }, actions: [{ label: 'Undo', data: 'undo' }] };
      const richHandle = await s.channel.send(s.dm, rich);
      const shown = await s.readBack(richHandle);
      await expect(s.channel.edit(richHandle, rich)).resolves.toBeUndefined();
      expect(await s.readBack(richHandle)).toBe(shown);
    });

    it('a reply with an item card and actions is accepted: card shown, buttons only where capabilities.buttons; an edit without actions removes them', async () => {
      const actions = [{ label: 'Done', data: 'done:todo:1' }, { label: 'Delete', data: 'del:todo:1', style: 'danger' as const }];
      const reply: Reply = { text: 'Added todo: milk', card: { type: 'item', item: { kind: 'todo', id: 1, title: 'milk & eggs', details: ['due tomorrow 09:00'] } }, actions };
      const handle = await s.channel.send(s.dm, reply);
      const shown = await s.readBack(handle);
      expect(shown).toContain('Added todo: milk');
      expect(shown).toContain('milk & eggs');
      expect(shown).toContain('due tomorrow 09:00');
      const buttons = await s.readButtons(handle);
      if (s.channel.capabilities.buttons) expect(buttons).toEqual(actions.map((a) => a.data));
      else expect(buttons).toEqual([]);
      await s.channel.edit(handle, { text: 'Completed: milk' });
      expect(await s.readBack(handle)).toBe('Completed: milk');
      expect(await s.readButtons(handle)).toEqual([]);
    });

    it('a list card whose title is the reply text shows the title once and every item', async () => {
      const reply: Reply = {
        text: 'Your todos',
        card: { type: 'list', title: 'Your todos', items: [{ kind: 'todo', id: 5, position: 1, title: 'call mom', details: [] }, { kind: 'todo', id: 6, position: 2, title: 'pay <rent>', details: ['high priority'] }] },
      };
      const { handle, added } = await sendAndRead(s.dm, reply);
      expect(added).toHaveLength(1);
      const shown = (await s.readBack(handle)) ?? '';
      expect(shown.split('Your todos').length - 1).toBe(1);
      expect(shown).toContain('call mom');
      expect(shown).toContain('pay <rent>');
      expect(shown).toContain('high priority');
    });

    it(`Urdu (right-to-left) text arrives intact, ${describeUrdu(traits.urduLines)}`, async () => {
      const text = 'آپ کے کام\n1. امی کو فون کریں — کل 9 بجے\nRoman: kal doodh lena';
      for (const conversation of conversations()) {
        const handle = await s.channel.send(conversation, { text, language: 'ur' });
        const expected = traits.urduLines === 'rlm-prefixed' ? text.split('\n').map((l) => (l ? RLM + l : l)).join('\n') : text;
        expect(await s.readBack(handle)).toBe(expected);
        await s.channel.edit(handle, { text: `${text}\nختم`, language: 'ur' });
        expect(await s.readBack(handle)).toBe(traits.urduLines === 'rlm-prefixed' ? `${expected}\n${RLM}ختم` : `${text}\nختم`);
      }
    });

    it('HTML-like text people typed (<b>&"\' and entities) arrives as the same plain characters, not markup or escapes', async () => {
      const text = `<b>bold?</b> & "double" 'single' &amp; &lt;i&gt; a<b c>d </script>`;
      for (const conversation of conversations()) {
        const handle = await s.channel.send(conversation, { text });
        expect(await s.readBack(handle)).toBe(text);
        await s.channel.edit(handle, { text: `${text} <u>edited</u>` });
        expect(await s.readBack(handle)).toBe(`${text} <u>edited</u>`);
      }
      const card = await s.channel.send(s.dm, { text: 'Added todo', card: { type: 'item', item: { kind: 'todo', id: 2, title: '<i>&quot;x&quot;</i> & y', details: ['a < b'] } } });
      expect(await s.readBack(card)).toContain('<i>&quot;x&quot;</i> & y');
    });

    it('sendDirect reaches the user in their DM and returns a handle that can be edited', async () => {
      const before = (await s.readAll(s.directInbox)).length;
      const handle = await s.channel.sendDirect(s.directTarget, { text: 'Reminder: call mom' });
      expect(handle.messageId).not.toBe('');
      expect(handle.conversation.kind).toBe('dm');
      expect((await s.readAll(s.directInbox)).slice(before)).toEqual(['Reminder: call mom']);
      expect(await s.readBack(handle)).toBe('Reminder: call mom');
      await s.channel.edit(handle, { text: 'Reminder: call mom (done)' });
      expect(await s.readBack(handle)).toBe('Reminder: call mom (done)');
    });

    it('typing() is optional and, where offered, resolves', async () => {
      if (s.channel.typing) await expect(s.channel.typing(s.dm)).resolves.toBeUndefined();
      else expect(s.channel.typing).toBeUndefined();
    });

    it('a text of exactly maxMessageLength characters is sent as one message, and an edit to that length is shown whole', async () => {
      const max = s.channel.capabilities.maxMessageLength;
      const text = words(max);
      expect(text).toHaveLength(max);
      const { handle, added } = await sendAndRead(s.dm, { text });
      expect(added).toEqual([text]);
      expect(await s.readBack(handle)).toBe(text);
      const before = (await s.readAll(s.dm)).length;
      const other = words(max, 'dolor sit amet ');
      await s.channel.edit(handle, { text: other });
      expect(await s.readBack(handle)).toBe(other);
      expect(await s.readAll(s.dm)).toHaveLength(before);
    });

    it(`a send of maxMessageLength + 1 characters ${describeOverLongSend(traits.overLongSend)}`, async () => {
      const max = s.channel.capabilities.maxMessageLength;
      const text = words(max + 1);
      const { handle, added } = await sendAndRead(s.dm, { text, actions: [{ label: 'Undo', data: 'undo' }] });
      if (traits.overLongSend === 'split') {
        const pieces = splitMessage(text, max);
        expect(pieces).toHaveLength(2);
        expect(added).toEqual(pieces);
        // The handle is the last message, which carries the buttons.
        expect(await s.readBack(handle)).toBe(pieces[1]);
        if (s.channel.capabilities.buttons) expect(await s.readButtons(handle)).toEqual(['undo']);
      } else {
        expect(added).toEqual([text]);
        expect(await s.readBack(handle)).toBe(text);
      }
    });

    it(`an edit past maxMessageLength ${describeOverLongEdit(traits.overLongEdit)}`, async () => {
      const max = s.channel.capabilities.maxMessageLength;
      const text = words(max + 50);
      const handle = await s.channel.send(s.dm, { text: 'short' });
      const before = (await s.readAll(s.dm)).length;
      await s.channel.edit(handle, { text });
      const shown = await s.readBack(handle);
      if (traits.overLongEdit === 'cut-with-ellipsis') expect(shown).toBe(`${text.slice(0, max - 1)}…`);
      else if (traits.overLongEdit === 'first-piece') expect(shown).toBe(splitMessage(text, max)[0]);
      else expect(shown).toBe(text);
      expect(await s.readAll(s.dm)).toHaveLength(before);
    });
  });
}
