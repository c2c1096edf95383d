import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Routes, type REST, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Logger } from 'pino';

/** What registration needs: the REST client, where to register, what, and where to remember it. */
export interface RegistrationOptions {
  rest: REST;
  applicationId: string;
  /** One server (instant updates while developing); global when absent. */
  guildId?: string;
  commands: RESTPostAPIChatInputApplicationCommandsJSONBody[];
  /** JSON file remembering the hash of the last registered set per target; no skipping without it. */
  stateFile?: string;
  logger: Logger;
}

/**
 * Registers the command set with one bulk overwrite (PUT), to one server or globally. Discord
 * rate-limits command writes hard (and global changes fan out slowly), so the set's hash is kept
 * per application + target and an unchanged set is not sent again on the next start.
 */
export async function registerCommands(o: RegistrationOptions): Promise<'registered' | 'unchanged'> {
  const target = `${o.applicationId}:${o.guildId ?? 'global'}`;
  const hash = createHash('sha256').update(JSON.stringify(o.commands)).digest('hex');
  const state = o.stateFile ? await readState(o.stateFile) : {};
  if (state[target] === hash) {
    o.logger.info({ target, commands: o.commands.length }, 'slash commands unchanged; registration skipped');
    return 'unchanged';
  }
  const route = o.guildId ? Routes.applicationGuildCommands(o.applicationId, o.guildId) : Routes.applicationCommands(o.applicationId);
  await o.rest.put(route, { body: o.commands });
  o.logger.info({ target, commands: o.commands.length }, 'slash commands registered');
  if (o.stateFile) {
    try {
      await writeState(o.stateFile, { ...state, [target]: hash });
    } catch (error) {
      o.logger.warn({ err: error, file: o.stateFile }, 'could not remember the registered commands; they will be sent again next start');
    }
  }
  return 'registered';
}

/** The state file next to the SQLite database (`file:./data/clawchat.db` → `./data/discord-commands.json`). */
export function commandStateFileFor(databaseUrl: string): string {
  const file = databaseUrl.replace(/^file:/, '').replace(/\?.*$/, '');
  return path.join(path.dirname(file || '.'), 'discord-commands.json');
}

async function readState(file: string): Promise<Record<string, string>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

async function writeState(file: string, state: Record<string, string>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`);
  await rename(tmp, file);
}
