/**
 * `npm run mcp`: the tool registry over MCP on stdio, for the one user named by MCP_USER (default
 * console:local, the terminal chat's user); settings come from `.env` and the environment. stdout
 * carries the protocol, so everything else — logs, start-up errors — goes to stderr. Reminders planned here land in the shared outbox; the bot
 * process (`npm start`) delivers them.
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ConfigError, loadConfig, secretValues } from '../config.ts';
import { systemClock } from '../core/clock.ts';
import { openDatabase } from '../db/database.ts';
import { createLogger, scrubSecrets } from '../logger.ts';
import { Scheduler } from '../scheduler/scheduler.ts';
import { createServices } from '../services/index.ts';
import { ToolRegistry } from '../tools/registry.ts';
import { createMcpServer } from './mcp-server.ts';
import { parseMcpUser } from './mcp-user.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL ?? 'warn', undefined, { secrets: secretValues(config) });
  const { db, warnings } = await openDatabase(config.DATABASE_URL);
  for (const warning of warnings) logger.warn(warning);
  const clock = systemClock;
  const services = createServices(db, { clock });
  const scheduler = new Scheduler({ db, clock, logger, defaultTimeZone: config.DEFAULT_TIMEZONE });
  const server = createMcpServer({
    db, services, tools: new ToolRegistry(), hooks: scheduler.hooks, clock, logger,
    account: parseMcpUser(config.MCP_USER), defaultTimeZone: config.DEFAULT_TIMEZONE,
  });
  const transport = new StdioServerTransport();
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await server.close().catch(() => {});
    await db.$disconnect();
    process.exit(0);
  };
  transport.onclose = () => void shutdown();
  process.stdin.on('end', () => void shutdown());
  process.on('SIGINT', () => void shutdown()).on('SIGTERM', () => void shutdown());
  await server.connect(transport);
  logger.info({ user: config.MCP_USER }, 'MCP server ready on stdio');
}

main().catch((error: unknown) => {
  process.stderr.write(`ClawChat MCP server failed: ${scrubSecrets(error instanceof Error ? error.message : String(error))}\n`);
  process.exit(1);
});
