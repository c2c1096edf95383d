/**
 * Discord's message limits beyond the content's 2,000 characters, checked by the fake REST API
 * the way Discord answers them (50035 Invalid Form Body): at most 10 embeds; per embed a title of
 * 256, a description of 4,096, 25 fields (name 256, value 1,024), a footer of 2,048 and an author
 * name of 256; and 6,000 characters over all embeds of one message together. Also at most 5 rows
 * of 5 buttons. Lengths are counted in UTF-16 units, a little stricter than Discord's characters.
 */
import { invalidFormBody } from './discord-model.ts';

type Json = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** An error body when a message's embeds or components break Discord's limits; null when acceptable. */
export function embedProblem(body: Json): Json | null {
  const embeds = Array.isArray(body.embeds) ? (body.embeds as Json[]) : [];
  if (embeds.length > 10) return invalidFormBody(['embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  let total = 0;
  for (const [i, e] of embeds.entries()) {
    const at = (...p: string[]) => ['embeds', String(i), ...p];
    const fields = Array.isArray(e.fields) ? (e.fields as Json[]) : [];
    const footer = str((e.footer as Json | undefined)?.text);
    const author = str((e.author as Json | undefined)?.name);
    if (str(e.title).length > 256) return invalidFormBody(at('title'), 'BASE_TYPE_MAX_LENGTH', 'Must be 256 or fewer in length.');
    if (str(e.description).length > 4096) return invalidFormBody(at('description'), 'BASE_TYPE_MAX_LENGTH', 'Must be 4096 or fewer in length.');
    if (fields.length > 25) return invalidFormBody(at('fields'), 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    if (footer.length > 2048) return invalidFormBody(at('footer', 'text'), 'BASE_TYPE_MAX_LENGTH', 'Must be 2048 or fewer in length.');
    if (author.length > 256) return invalidFormBody(at('author', 'name'), 'BASE_TYPE_MAX_LENGTH', 'Must be 256 or fewer in length.');
    for (const [j, f] of fields.entries()) {
      if (str(f.name).length > 256) return invalidFormBody(at('fields', String(j), 'name'), 'BASE_TYPE_MAX_LENGTH', 'Must be 256 or fewer in length.');
      if (str(f.value).length > 1024) return invalidFormBody(at('fields', String(j), 'value'), 'BASE_TYPE_MAX_LENGTH', 'Must be 1024 or fewer in length.');
      total += str(f.name).length + str(f.value).length;
    }
    total += str(e.title).length + str(e.description).length + footer.length + author.length;
  }
  if (total > 6000) return invalidFormBody(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  const rows = Array.isArray(body.components) ? (body.components as Json[]) : [];
  if (rows.length > 5) return invalidFormBody(['components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  for (const [i, row] of rows.entries()) {
    const items = Array.isArray(row.components) ? (row.components as unknown[]) : [];
    if (items.length > 5) return invalidFormBody(['components', String(i), 'components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  }
  return null;
}
