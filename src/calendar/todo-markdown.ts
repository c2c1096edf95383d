import type { Todo } from '../generated/prisma/client.ts';
import { formatDateTime, type Language } from '../i18n/index.ts';

const CHECK_ESCAPE = /([\\`*_[\]<>#|])/g;

/**
 * Open todos as a Markdown checklist ("- [ ] title — due …"), oldest due first, undated last, so the
 * list can be read or pasted anywhere (notes apps, GitHub, Obsidian).
 */
export function openTodosMarkdown(input: { title: string; todos: Todo[]; lang: Language; timeZone: string; now: Date }): string {
  const lines = [`# ${input.title}`, ''];
  const sorted = [...input.todos].sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.id - b.id);
  for (const t of sorted) {
    const bits = [t.title.replace(CHECK_ESCAPE, '\\$1')];
    if (t.dueAt) bits.push(`due ${formatDateTime(input.lang, t.dueAt, input.timeZone, input.now)}`);
    if (t.priority !== 'medium') bits.push(`${t.priority} priority`);
    if (t.category !== 'other') bits.push(t.category);
    if (t.recurrence) bits.push(`repeats ${t.recurrence}`);
    lines.push(`- [ ] ${bits.join(' — ')}`);
    if (t.notes) lines.push(`  ${t.notes.replace(/\n/g, '\n  ')}`);
  }
  if (!sorted.length) lines.push('_No open todos._');
  return `${lines.join('\n')}\n`;
}
