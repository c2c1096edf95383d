/**
 * The layer matrix (ARCHITECTURE.md, issue 16), enforced on every import of src/ and adapters/.
 *
 * A module may import itself and any module of a LOWER layer; never a higher one, never another
 * module of its own layer. Rows with `reaches` (the adapters) may import only the paths listed.
 * Every import form counts: static, `import type`, `export … from`, dynamic `import()` and
 * `import('…')` types. README.md ("Layers") shows the same table; a test below keeps them equal.
 *
 * | layer | module             | files                                                    |
 * |-------|--------------------|----------------------------------------------------------|
 * | 1     | core               | src/core/ (seams, Clock, errors, backoff, zoned time, correlation ids, ChangeHooks) |
 * | 2a    | i18n               | src/i18n/                                                |
 * | 2a    | logging            | src/logger.ts, src/log-redaction.ts                      |
 * | 2a    | recurrence         | src/recurrence/ (pure rule maths; core only)     |
 * | 2b    | config             | src/config.ts, src/env-file.ts (uses log redaction)      |
 * | 3     | db                 | src/db/, src/generated/                                  |
 * | 4a    | inbox              | src/inbox/                                               |
 * | 4b    | nlu, services      | src/nlu/, src/services/ (never each other)               |
 * | 5     | scheduler          | src/scheduler/                                           |
 * | 6     | tools              | src/tools/                                               |
 * | 7     | llm                | src/llm/                                                 |
 * | 8     | orchestrator       | src/orchestrator/                                        |
 * | 9     | linking, calendar, mcp, ops, web | plug-ins; never each other                 |
 * | 10    | entry points       | src/app.ts, src/main.ts, src/nlu/classify-cli.ts, src/mcp/server.ts |
 * | 11    | adapters/<platform>| only src/core/, src/orchestrator/index.ts, src/main.ts   |
 * | 12    | launch             | adapters/launch.ts: the adapters and the same src/ entry |
 *
 * Packages: `openai` only from llm; grammy/@grammyjs only from adapters/telegram; discord.js/@discordjs
 * only from adapters/discord; @prisma/*, prisma and better-sqlite3 only from db (and generated code).
 *
 * The refinements of the issue's matrix: i18n/logging below config (config scrubs secrets with the
 * log redaction); inbox below services (an item's creation settles its inbound receipt);
 * src/recurrence/ (the rule grammar and next-run maths) is pure and needed by services, tools and the
 * scheduler, so it sits with the low layers and may import only core.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importEdges, importSites, sourceFiles, type ImportEdge } from './import-graph.ts';
import { layerViolations, matrixTable, moduleOf, type LayerRow, type PackageRule } from './layer-rules.ts';

const ADAPTER_REACH = ['src/core/', 'src/orchestrator/index.ts', 'src/main.ts'];

/** The matrix, bottom to top (the table above, as data). */
const MATRIX: readonly LayerRow[] = [
  { layer: '1', module: 'core', paths: ['src/core/'] },
  { layer: '2a', module: 'i18n', paths: ['src/i18n/'] },
  { layer: '2a', module: 'logging', paths: ['src/logger.ts', 'src/log-redaction.ts'] },
  { layer: '2a', module: 'recurrence', paths: ['src/recurrence/'] },
  { layer: '2b', module: 'config', paths: ['src/config.ts', 'src/env-file.ts'] },
  { layer: '3', module: 'db', paths: ['src/db/', 'src/generated/'] },
  { layer: '4a', module: 'inbox', paths: ['src/inbox/'] },
  { layer: '4b', module: 'nlu', paths: ['src/nlu/'] },
  { layer: '4b', module: 'services', paths: ['src/services/'] },
  { layer: '5', module: 'scheduler', paths: ['src/scheduler/'] },
  { layer: '6', module: 'tools', paths: ['src/tools/'] },
  { layer: '7', module: 'llm', paths: ['src/llm/'] },
  { layer: '8', module: 'orchestrator', paths: ['src/orchestrator/'] },
  { layer: '9', module: 'linking', paths: ['src/linking/'] },
  { layer: '9', module: 'calendar', paths: ['src/calendar/'] },
  { layer: '9', module: 'mcp', paths: ['src/mcp/'] },
  { layer: '9', module: 'ops', paths: ['src/ops/'] },
  { layer: '9', module: 'web', paths: ['src/web/'] },
  { layer: '10', module: 'entry points', paths: ['src/app.ts', 'src/main.ts', 'src/nlu/classify-cli.ts', 'src/mcp/server.ts'] },
  { layer: '11', module: 'adapters/telegram', paths: ['adapters/telegram/'], reaches: ADAPTER_REACH },
  { layer: '11', module: 'adapters/discord', paths: ['adapters/discord/'], reaches: ADAPTER_REACH },
  { layer: '11', module: 'adapters/console', paths: ['adapters/console/'], reaches: ADAPTER_REACH },
  { layer: '12', module: 'launch', paths: ['adapters/launch.ts'], reaches: [...ADAPTER_REACH, 'adapters/'] },
];

/** Packages only their owners may import. */
const PACKAGE_RULES: readonly PackageRule[] = [
  { packages: /^openai$/, owners: ['llm'] },
  { packages: /^(grammy|@grammyjs\/.*)$/, owners: ['adapters/telegram'] },
  { packages: /^(discord\.js|@discordjs\/.*)$/, owners: ['adapters/discord'] },
  { packages: /^(@prisma\/.*|prisma|better-sqlite3)$/, owners: ['db'] },
];

const root = path.resolve(import.meta.dirname, '../..');
const files = [...sourceFiles(root, 'src'), ...sourceFiles(root, 'adapters')];
const edges = importEdges(root, files);

describe('the layer matrix', () => {
  it('places every file of src/ and adapters/ in a module', () => {
    expect(files.filter((file) => !moduleOf(MATRIX, file))).toEqual([]);
  });

  it('no import crosses it (every import form, packages included)', () => {
    expect(layerViolations(edges, MATRIX, PACKAGE_RULES)).toEqual([]);
  });

  it('is the table README.md shows under "Layers"', () => {
    const lines = readFileSync(path.join(root, 'README.md'), 'utf8').split('\n');
    const start = lines.indexOf('### Layers');
    const end = lines.findIndex((line, i) => i > start && line.startsWith('#'));
    expect(start).toBeGreaterThan(-1);
    const table = lines.slice(start + 1, end < 0 ? undefined : end).filter((line) => line.startsWith('|')).join('\n');
    expect(table).toBe(matrixTable(MATRIX));
  });
});

describe('the layer check itself', () => {
  it('reads every import form from the syntax tree', () => {
    const text = [
      "import { a } from './static.ts';",
      "import type { B } from './type-only.ts';",
      "export { c } from './re-export.ts';",
      "export * from './star.ts';",
      "const d = await import('./dynamic.ts');",
      "type E = import('./type-ref.ts').E;",
      "import f = require('./required.ts');",
      "// import { g } from './in-a-comment.ts';",
      "const h = 'import x from \"./in-a-string.ts\"';",
    ].join('\n');
    expect(importSites('x.ts', text).map(({ spec, form }) => `${form} ${spec}`)).toEqual([
      'import ./static.ts', 'import type ./type-only.ts', 'export from ./re-export.ts', 'export from ./star.ts',
      'dynamic import ./dynamic.ts', 'type import ./type-ref.ts', 'require ./required.ts',
    ]);
  });

  it('sees the real graph (known edges and packages are in it)', () => {
    const seen = edges.map((e) => `${e.from} → ${'target' in e ? e.target : e.pkg}`);
    expect(edges.length).toBeGreaterThan(500);
    expect(seen).toEqual(expect.arrayContaining([
      'src/tools/schemas.ts → src/recurrence/next-run.ts',
      'src/llm/model-client.ts → openai',
      'adapters/launch.ts → src/main.ts',
      'src/db/database.ts → better-sqlite3',
    ]));
  });

  const edge = (from: string, to: string): ImportEdge =>
    to.startsWith('src/') || to.startsWith('adapters/') ? { from, line: 1, form: 'import type', target: to } : { from, line: 1, form: 'import', pkg: to };

  it('catches each kind of violation, one line per edge', () => {
    const bad = [
      edge('src/scheduler/scheduler.ts', 'src/orchestrator/context.ts'),
      edge('src/logger.ts', 'src/ops/metrics.ts'),
      edge('src/services/event-service.ts', 'src/scheduler/briefing.ts'),
      edge('src/nlu/parse-message.ts', 'src/services/index.ts'),
      edge('src/recurrence/next-run.ts', 'src/i18n/index.ts'),
      edge('src/orchestrator/llm-chat-agent.ts', 'openai'),
      edge('src/services/todo-service.ts', '@prisma/client'),
      edge('src/core/reply.ts', 'grammy'),
      edge('adapters/telegram/render.ts', 'discord.js'),
      edge('adapters/console/console-chat.ts', 'src/tools/tool.ts'),
      edge('adapters/discord/bot.ts', 'adapters/telegram/errors.ts'),
      edge('src/main.ts', 'adapters/launch.ts'),
      edge('src/somewhere-new/thing.ts', 'src/core/clock.ts'),
    ];
    const found = layerViolations(bad, MATRIX, PACKAGE_RULES);
    expect(found).toHaveLength(bad.length);
    expect(found[0]).toBe('src/scheduler/scheduler.ts:1 → src/orchestrator/context.ts (import type): scheduler [5] may not import orchestrator [8]');
    expect(found[3]).toContain('nlu [4b] may not import services [4b] (same layer)');
    expect(found[5]).toBe('src/orchestrator/llm-chat-agent.ts:1 → openai (import): only llm may import openai');
    expect(found[12]).toContain('src/somewhere-new/thing.ts is in no layer of the matrix');
  });

  it('lets the allowed edges through', () => {
    const good = [
      edge('src/tools/schemas.ts', 'src/recurrence/next-run.ts'),
      edge('src/services/event-occurrence.ts', 'src/recurrence/next-run.ts'),
      edge('src/scheduler/scheduler.ts', 'src/scheduler/delivery-loop.ts'),
      edge('src/calendar/calendar-builtins.ts', 'src/orchestrator/builtins.ts'),
      edge('src/nlu/classify-cli.ts', 'src/config.ts'),
      edge('src/llm/model-client.ts', 'openai'),
      edge('src/db/database.ts', 'better-sqlite3'),
      edge('adapters/discord/bot.ts', 'discord.js'),
      edge('adapters/console/console-chat.ts', 'src/orchestrator/index.ts'),
      edge('adapters/launch.ts', 'adapters/telegram/index.ts'),
    ];
    expect(layerViolations(good, MATRIX, PACKAGE_RULES)).toEqual([]);
  });
});
