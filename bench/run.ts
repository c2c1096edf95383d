import { runDbPatchesBench } from './db-patches-bench.ts';
import { runDiscordBench } from './discord-bench.ts';
import { runLlmBench } from './llm-bench.ts';
import { runNluBench } from './nlu-bench.ts';
import { runOrchestratorBench } from './orchestrator-bench.ts';
import { runSchedulerBench } from './scheduler-bench.ts';
import { runSearchBench } from './search-bench.ts';
import { runTelegramBench } from './telegram-bench.ts';

/**
 * `npm run bench [section…]`: every figure the issues ask for, measured on this machine. Sections
 * run one after another so they do not disturb each other's timings.
 */
const sections: [string, () => Promise<string[]> | string[]][] = [
  ['orchestrator', () => runOrchestratorBench()],
  ['search', () => runSearchBench()],
  ['db', () => runDbPatchesBench()],
  ['nlu', () => runNluBench()],
  ['llm', async () => (await runLlmBench()).map((r) => `llm: ${r.pass ? 'PASS' : 'FAIL'} ${r.name}: ${r.value} ${r.unit} (target ${r.target})${r.detail ? `\n  ${r.detail}` : ''}`)],
  ['telegram', () => runTelegramBench()],
  ['discord', () => runDiscordBench()],
  ['scheduler', async () => {
    const lines: string[] = ['scheduler:'];
    await runSchedulerBench({ log: (l) => lines.push(`  ${l}`) });
    return lines;
  }],
];

const only = process.argv.slice(2);
for (const [name, run] of sections) {
  if (only.length && !only.includes(name)) continue;
  const lines = await run();
  console.log(lines.join('\n'));
}
