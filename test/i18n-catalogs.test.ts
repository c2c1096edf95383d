import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../src/i18n/en.ts';
import { ur } from '../src/i18n/ur.ts';

const root = path.resolve(import.meta.dirname, '..');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const f = path.join(dir, n);
    if (n === 'generated') return [];
    return statSync(f).isDirectory() ? files(f) : n.endsWith('.ts') ? [f] : [];
  });
}

describe('message catalogs', () => {
  it('English and Urdu have the same keys and the same placeholders', () => {
    expect(Object.keys(ur).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(vars(ur[key]), key).toEqual(vars(en[key]));
    }
  });

  it('every UserFacingError key raised in src/ exists in the catalogs', () => {
    const keys = files(path.join(root, 'src')).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/UserFacingError\('([A-Za-z_]+)'/g)].map((m) => m[1]!));
    expect(keys.length).toBeGreaterThan(5);
    for (const k of keys) expect(Object.keys(en), k).toContain(k);
  });

  it('Urdu messages are in Urdu script', () => {
    const latinOnly = Object.entries(ur).filter(([k, v]) => !/[\u0600-\u06FF]/.test(v) && !k.startsWith('button_next') && !k.startsWith('button_prev'));
    expect(latinOnly.map(([k]) => k)).toEqual([]);
  });
});
