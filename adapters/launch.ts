import { bootCore } from '../src/main.ts';
import { ConsoleChannel, runConsoleChat } from './console/console-chat.ts';

/**
 * The process entry of `npm start`: boots the core, then runs the terminal chat when no platform
 * token is set, else the platform bots.
 */
async function launch(): Promise<void> {
  const core = await bootCore();
  if (core.consoleMode) {
    const interactive = Boolean(process.stdin.isTTY);
    if (interactive) process.stdout.write('ClawChat — terminal chat. Type /help for commands, Ctrl+D to quit.\n');
    const channel = new ConsoleChannel(process.stdout, interactive);
    await core.app.startScheduler(new Map([['console', channel]]));
    core.app.agentTasks?.attachChannel(channel);
    await runConsoleChat({ handler: core.app.orchestrator, input: process.stdin, output: process.stdout, interactive, channel });
    await core.app.close();
    return;
  }
  core.logger.error('The Telegram and Discord adapters are not built yet; unset the tokens to use the terminal chat.');
  await core.app.close();
  process.exitCode = 1;
}

launch().catch((error: unknown) => {
  process.stderr.write(`ClawChat failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
