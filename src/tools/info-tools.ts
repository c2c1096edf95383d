import { z } from 'zod';
import type { ItemView } from '../core/reply.ts';
import { t } from '../i18n/index.ts';
import { words } from './schemas.ts';
import { defineTool } from './tool.ts';
import { SCOPE_OPTION, textOption, textPlanner, toolPlan } from './command.ts';
import { dayOutcome } from './day-view.ts';

export const search = defineTool({
  name: 'search',
  description: 'Search the user\'s todos, events and notes by words.',
  input: z.object({ query: words(200) }),
  command: {
    names: { en: ['search', 'find', 's'], ur: ['talash'] }, description: 'cmd_search', usage: 'usage_words', order: 41, plan: textPlanner('search', 'query'),
    picker: { name: 'search', order: 40, options: [textOption('query', 'slash_opt_query', true, 200), SCOPE_OPTION], route: { kind: 'command', command: 'search', args: 'query' } },
  },
  async execute(ctx, { query }) {
    if (!/[\p{L}\p{N}]/u.test(query)) {
      return { reply: { text: t(ctx.lang, 'searchNothingToSearch'), language: ctx.lang }, result: { hits: [] } };
    }
    const hits = await ctx.services.search.search(ctx.svc, query, { limit: 10 });
    const items: ItemView[] = hits.map((h, i) => ({
      kind: h.kind, id: h.id, position: i + 1, title: h.title || h.snippet,
      details: [`${t(ctx.lang, `kind_${h.kind}`)}${h.snippet && h.snippet !== h.title ? ` · ${h.snippet}` : ''}`],
    }));
    const title = t(ctx.lang, 'searchTitle', { query });
    return {
      reply: { text: hits.length ? title : t(ctx.lang, 'searchEmpty', { query }), card: { type: 'list', title, items, emptyText: t(ctx.lang, 'searchEmpty', { query }) }, language: ctx.lang },
      result: { hits: hits.map((h) => ({ kind: h.kind, id: h.id, title: h.title, snippet: h.snippet })) },
    };
  },
});

export const dailyBriefing = defineTool({
  name: 'daily_briefing',
  description: 'Show today at a glance: events today, todos due today and overdue, top priorities, today\'s reminders.',
  input: z.object({}),
  command: {
    names: { en: ['today', 'daily'], ur: ['aaj'] }, description: 'cmd_today', order: 42, plan: () => toolPlan('daily_briefing', {}),
    picker: { name: 'today', order: 41, options: [SCOPE_OPTION], route: { kind: 'command', command: 'today' } },
  },
  execute: (ctx) => dayOutcome(ctx, ctx.svc.now),
});

export const getStats = defineTool({
  name: 'get_stats',
  description: 'Show counts: open todos, done this week, overdue, open by category.',
  input: z.object({}),
  command: {
    names: { en: ['stats', 'statistics', 'progress'] }, description: 'cmd_stats', order: 43, plan: () => toolPlan('get_stats', {}),
    picker: { name: 'stats', order: 42, options: [SCOPE_OPTION], route: { kind: 'command', command: 'stats' } },
  },
  async execute(ctx) {
    const s = await ctx.services.stats.stats(ctx.svc);
    const byCat = Object.entries(s.byCategory).filter(([, n]) => n > 0)
      .map(([c, n]) => `${t(ctx.lang, `category_${c}` as 'category_work')} ${n}`).join(', ');
    const text = [t(ctx.lang, 'statsText', { open: s.open, done: s.doneThisWeek, overdue: s.overdue }), byCat ? t(ctx.lang, 'statsByCategory', { list: byCat }) : '']
      .filter(Boolean).join('\n');
    return { reply: { text, language: ctx.lang }, result: { ...s } };
  },
});
