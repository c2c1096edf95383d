/**
 * The checker behind the layer-matrix test: which module a file belongs to, and which edges of the
 * import graph break the matrix. Kept apart from the matrix itself so the test can also run it on
 * edges it made up (proving that it would catch a violation).
 */
import type { ImportEdge } from './import-graph.ts';

/** One row of the layer matrix: a module, the layer it sits in, and the files that make it up. */
export interface LayerRow {
  /** `1` is the bottom; letters split a layer where one part must sit below the other (`2a` < `2b`). */
  layer: string;
  module: string;
  /** Root-relative folders (ending in `/`) or single files; the longest match decides a file's module. */
  paths: readonly string[];
  /**
   * When set, the only project paths this module may import outside itself, instead of "every lower
   * layer" (the adapters: src/core, the orchestrator's entry and the composition root).
   */
  reaches?: readonly string[];
}

/** A package only some modules may import (`openai` only from src/llm, and so on). */
export interface PackageRule {
  /** Matches the package name (`openai`, `@prisma/client`, `discord.js`). */
  packages: RegExp;
  owners: readonly string[];
}

/** Whether `file` is `prefix` itself or inside the folder `prefix`. */
function covers(prefix: string, file: string): boolean {
  return prefix.endsWith('/') ? file.startsWith(prefix) : file === prefix;
}

/** The module of `file` (root-relative): the row with the longest path that covers it. */
export function moduleOf(matrix: readonly LayerRow[], file: string): LayerRow | undefined {
  let best: { row: LayerRow; length: number } | undefined;
  for (const row of matrix) {
    for (const prefix of row.paths) {
      if (covers(prefix, file) && (!best || prefix.length > best.length)) best = { row, length: prefix.length };
    }
  }
  return best?.row;
}

/** A layer label as a number that orders correctly (`2a` → 2, `2b` → 2.1, `10` → 10). */
export function layerRank(label: string): number {
  const match = /^(\d+)([a-z]?)$/.exec(label);
  if (!match) throw new Error(`bad layer label ${label}`);
  return Number(match[1]) + (match[2] ? (match[2].charCodeAt(0) - 97) / 10 : 0);
}

/** `scheduler [5]`: a module as offending-edge messages name it. */
function named(row: LayerRow): string {
  return `${row.module} [${row.layer}]`;
}

/** Why `from` may not import `to`, or null when it may. */
function projectEdgeProblem(from: LayerRow, to: LayerRow | undefined, target: string): string | null {
  if (!to) return `${target} is in no layer of the matrix`;
  if (from === to) return null;
  if (from.reaches) return from.reaches.some((prefix) => covers(prefix, target)) ? null : `${named(from)} may import only ${from.reaches.join(', ')} from outside itself`;
  const a = layerRank(from.layer), b = layerRank(to.layer);
  if (b < a) return null;
  return `${named(from)} may not import ${named(to)}${a === b ? ' (same layer)' : ''}`;
}

/**
 * Every edge that breaks the matrix, one readable line each:
 * `src/scheduler/scheduler.ts:8 → src/orchestrator/context.ts (import type): scheduler [5] may not import orchestrator [8]`.
 */
export function layerViolations(edges: readonly ImportEdge[], matrix: readonly LayerRow[], packageRules: readonly PackageRule[]): string[] {
  return edges.flatMap((edge) => {
    const from = moduleOf(matrix, edge.from);
    const where = `${edge.from}:${edge.line} → ${'target' in edge ? edge.target : edge.pkg} (${edge.form})`;
    if (!from) return [`${where}: ${edge.from} is in no layer of the matrix`];
    if ('target' in edge) {
      const problem = projectEdgeProblem(from, moduleOf(matrix, edge.target), edge.target);
      return problem ? [`${where}: ${problem}`] : [];
    }
    const rule = packageRules.find((r) => r.packages.test(edge.pkg));
    return rule && !rule.owners.includes(from.module) ? [`${where}: only ${rule.owners.join(', ')} may import ${edge.pkg}`] : [];
  });
}

/** The matrix as a Markdown table (README's "Layers" section is exactly this). */
export function matrixTable(matrix: readonly LayerRow[]): string {
  const rows = matrix.map((row) => {
    const reaches = row.reaches ? row.reaches.map((p) => `\`${p}\``).join(', ') : 'every lower layer';
    return `| ${row.layer} | ${row.module} | ${row.paths.map((p) => `\`${p}\``).join(', ')} | ${reaches} |`;
  });
  return ['| layer | module | files | may import (besides itself) |', '|---|---|---|---|', ...rows].join('\n');
}
