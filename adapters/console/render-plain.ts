import type { Card, ItemView, Reply } from '../../src/core/index.ts';

/** One item as a line: "2. Buy milk — due Sat 21 Nov, 09:00 · high priority". */
function itemLine(item: ItemView, bullet: string): string {
  const mark = item.done ? '✔ ' : '';
  const details = item.details.length ? ` — ${item.details.join(' · ')}` : '';
  return `${bullet}${mark}${item.title}${details}`;
}

function cardLines(card: Card, text: string): string[] {
  if (card.type === 'item') return [itemLine(card.item, '  • ')];
  const lines: string[] = [];
  if (card.items.length === 0) return card.emptyText && card.emptyText !== text ? [card.emptyText] : [];
  if (card.title && card.title !== text) lines.push(card.title);
  for (const [i, item] of card.items.entries()) lines.push(itemLine(item, `  ${item.position ?? i + 1}. `));
  if (card.pages && card.pages > 1) lines.push(`  (${card.page ?? 1}/${card.pages})`);
  return lines;
}

/**
 * Renders a structured reply as plain text for the terminal: the text, then the card's lines.
 * Buttons are left out (a terminal has none; every button has a command twin such as /done).
 */
export function renderPlain(reply: Reply): string {
  const lines = [reply.text];
  if (reply.card) lines.push(...cardLines(reply.card, reply.text));
  return lines.filter((l) => l !== '').join('\n');
}
