import { z } from 'zod';
import { t } from '../i18n/index.ts';
import { undoAction } from './buttons.ts';
import { ambiguityOutcome, resolveRef } from './ref-resolver.ts';
import { MAX_CONTENT, ref, words } from './schemas.ts';
import { defineTool } from './tool.ts';
import { itemOption, refPlanner, SCOPE_OPTION, textOption, textPlanner, toolPlan } from './command.ts';
import { firstWords, memoView } from './views.ts';
import { planMemoEdit } from './reminder-commands.ts';

export const createMemo = defineTool({
  name: 'create_memo',
  description: 'Save a note (memo) with optional title.',
  input: z.object({ content: words(MAX_CONTENT).describe('The note, in the user\'s own words'), title: words(200).optional() }),
  command: {
    names: { en: ['memo', 'note', 'save'] }, description: 'cmd_memo', usage: 'usage_text', order: 30, plan: textPlanner('create_memo', 'content'),
    picker: { group: 'memo', name: 'add', order: 30, options: [textOption('text', 'slash_opt_memoText', true, 4000), SCOPE_OPTION], route: { kind: 'command', command: 'memo', args: 'text' } },
  },
  async execute(ctx, input) {
    const tags = [...new Set([...input.content.matchAll(/#([\p{L}\p{N}_]{1,40})/gu)].map((m) => m[1]!.toLowerCase()))];
    const memo = await ctx.services.memos.create(ctx.svc, { content: input.content, title: input.title, tags });
    return {
      reply: { text: t(ctx.lang, 'memoCreated', { title: memo.title ?? firstWords(memo.content, 60) }), card: { type: 'item', item: memoView(memo) }, actions: [{ label: t(ctx.lang, 'button_delete'), data: `del:memo:${memo.id}`, style: 'danger' }, undoAction(ctx.lang)], language: ctx.lang },
      result: { status: 'created', memo: { id: memo.id } },
    };
  },
});

export const listMemos = defineTool({
  name: 'list_memos',
  description: 'List notes, optionally only those matching a query.',
  input: z.object({ query: words(200).optional() }),
  command: {
    names: { en: ['memos', 'notes'] }, description: 'cmd_memos', usage: 'usage_query', order: 31,
    plan: (args) => toolPlan('list_memos', args ? { query: args } : {}),
    picker: { group: 'memo', name: 'list', order: 31, options: [textOption('query', 'slash_opt_query', false, 200), SCOPE_OPTION], route: { kind: 'command', command: 'memos', args: 'query' } },
  },
  async execute(ctx, input) {
    const memos = await ctx.services.memos.list(ctx.svc, { query: input.query });
    await ctx.lastList.set('memo', memos.map((m) => m.id));
    const title = t(ctx.lang, 'memosTitle');
    return {
      reply: { text: memos.length ? title : t(ctx.lang, 'memosEmpty'), card: { type: 'list', title, items: memos.map((m, i) => memoView(m, i + 1)), emptyText: t(ctx.lang, 'memosEmpty') }, language: ctx.lang },
      result: { memos: memos.map((m) => ({ id: m.id, title: m.title, content: firstWords(m.content, 300) })) },
    };
  },
});

export const deleteMemo = defineTool({
  name: 'delete_memo',
  description: 'Delete a note.',
  input: z.object({ ref }),
  command: {
    names: { en: ['delmemo', 'delnote'] }, description: 'slash_memo_delete', usage: 'usage_ref', order: 32, plan: refPlanner('delete_memo'),
    picker: { group: 'memo', name: 'delete', order: 32, options: [itemOption('memo'), SCOPE_OPTION], route: { kind: 'pressDelete', itemKind: 'memo', option: 'item' } },
  },
  async execute(ctx, input) {
    const found = await resolveRef(ctx, 'memo', ctx.services.memos, input.ref);
    if (found.kind === 'many') return ambiguityOutcome(ctx, 'memo', input.ref, found.items.map((m) => memoView(m)));
    const deleted = await ctx.services.memos.delete(ctx.svc, found.item.id);
    return {
      reply: { text: t(ctx.lang, 'memoDeleted', { title: deleted.title ?? firstWords(deleted.content, 60) }), actions: [undoAction(ctx.lang)], language: ctx.lang },
      result: { status: 'deleted', id: deleted.id },
    };
  },
});

export const updateMemo = defineTool({
  name: 'update_memo',
  description: 'Change a note: its text (content) and/or its title. The new content replaces the old one.',
  input: z.object({
    ref,
    content: words(MAX_CONTENT).optional().describe('The new text of the note, in the user\'s own words'),
    title: words(200).optional().describe('A new title'),
  }),
  command: {
    names: { en: ['editmemo', 'editnote'] }, description: 'cmd_editmemo', usage: 'usage_editmemo', order: 31.5, plan: planMemoEdit,
    picker: {
      group: 'memo', name: 'edit', order: 31.5,
      options: [itemOption('memo'), textOption('text', 'slash_opt_memoNewText', false, 4000), textOption('title', 'slash_opt_title', false, 200), SCOPE_OPTION],
      route: { kind: 'edit', command: 'editmemo', item: 'item', fields: ['text', 'title'] },
    },
  },
  async execute(ctx, { ref: r, content, title }) {
    const found = await resolveRef(ctx, 'memo', ctx.services.memos, r);
    if (found.kind === 'many') return ambiguityOutcome(ctx, 'memo', r, found.items.map((m) => memoView(m)));
    // New content brings its own #tags (as a new memo's does).
    const tags = content === undefined ? undefined : [...new Set([...content.matchAll(/#([\p{L}\p{N}_]{1,40})/gu)].map((m) => m[1]!.toLowerCase()))];
    const { after } = await ctx.services.memos.update(ctx.svc, found.item.id, { content, title, tags });
    return {
      reply: { text: t(ctx.lang, 'memoUpdated', { title: after.title ?? firstWords(after.content, 60) }), card: { type: 'item', item: memoView(after) }, actions: [undoAction(ctx.lang)], language: ctx.lang },
      result: { status: 'updated', memo: { id: after.id, title: after.title, content: firstWords(after.content, 300) } },
    };
  },
});
