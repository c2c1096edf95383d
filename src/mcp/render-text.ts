import type { Reply } from '../core/reply.ts';

/**
 * A structured reply as plain text for an MCP client (an assistant reads it, not a chat screen):
 * the text, then the card's item or list lines with their numbers and ids. An empty list is its
 * empty message alone (the reply text already says it), never followed by the list's heading.
 */
export function replyText(reply: Reply): string {
  const lines = [reply.text];
  const card = reply.card;
  if (card?.type === 'item') {
    lines.push(`- ${card.item.title} (#${card.item.id})`, ...card.item.details.map((d) => `  ${d}`));
  } else if (card?.type === 'list' && card.items.length > 0) {
    if (card.title !== reply.text) lines.push(card.title);
    for (const item of card.items) {
      lines.push(`${item.position ?? '-'}. ${item.done ? '[done] ' : ''}${item.title} (#${item.id})`, ...item.details.map((d) => `   ${d}`));
    }
    if (card.pages && card.pages > 1) lines.push(`(page ${card.page ?? 1} of ${card.pages})`);
  } else if (card?.type === 'list' && card.emptyText && card.emptyText !== reply.text) {
    lines.push(card.emptyText);
  }
  return lines.filter((l) => l.trim() !== '').join('\n');
}
