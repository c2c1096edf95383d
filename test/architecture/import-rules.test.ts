import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'generated' || name === 'node_modules') return [];
    return statSync(full).isDirectory() ? tsFiles(full) : name.endsWith('.ts') ? [full] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
}

describe('house rules on imports', () => {
  it('src/ never imports adapters/, grammy or discord.js', () => {
    const offenders = tsFiles(path.join(root, 'src')).flatMap((file) =>
      imports(file)
        .filter((spec) => /^(grammy|discord\.js|@grammyjs\/|@discordjs\/)/.test(spec) || path.resolve(path.dirname(file), spec).startsWith(path.join(root, 'adapters')))
        .map((spec) => `${path.relative(root, file)} imports ${spec}`));
    expect(offenders).toEqual([]);
  });

  it('adapters import only src/core, the orchestrator entry and the composition root from src/', () => {
    const allowed = [/^src\/core\//, /^src\/orchestrator\/index\.ts$/, /^src\/main\.ts$/];
    const offenders = tsFiles(path.join(root, 'adapters')).flatMap((file) =>
      imports(file)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => path.relative(root, path.resolve(path.dirname(file), spec)))
        .filter((target) => target.startsWith('src/') && !allowed.some((re) => re.test(target)))
        .map((target) => `${path.relative(root, file)} imports ${target}`));
    expect(offenders).toEqual([]);
  });
});
