/**
 * The import graph of the project as the layer test sees it: every import form TypeScript knows
 * (static, `import type`, `export … from`, dynamic `import()`, `import('…')` in a type,
 * `import x = require()`), read from the syntax tree rather than by regular expression, so a type
 * reference or a re-export cannot slip past the layer rules.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

/** How a file names another module (the layer rules treat every form alike). */
export type ImportForm = 'import' | 'import type' | 'export from' | 'dynamic import' | 'type import' | 'require';

/** One module specifier as written in a source file. */
export interface ImportSite {
  spec: string;
  form: ImportForm;
  /** 1-based line of the specifier, so an offending edge can be found at once. */
  line: number;
}

/**
 * One edge of the graph: `from` (a root-relative path) names either a project file (`target`, the
 * root-relative path it resolves to) or a package (`pkg`, its name without subpath).
 */
export type ImportEdge = { from: string; line: number; form: ImportForm } & ({ target: string } | { pkg: string });

/** Every module specifier in `text`, with the form it is written in. */
export function importSites(fileName: string, text: string): ImportSite[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const sites: ImportSite[] = [];
  const add = (literal: ts.Node, form: ImportForm) => {
    if (!ts.isStringLiteralLike(literal)) return;
    sites.push({ spec: literal.text, form, line: source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly ? 'import type' : 'import');
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier) add(node.moduleSpecifier, 'export from');
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression, 'require');
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, 'type import');
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) add(node.arguments[0], 'dynamic import');
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

/** The TypeScript files under `dir` (root-relative), skipping generated code and dependencies. */
export function sourceFiles(root: string, dir: string): string[] {
  const full = path.join(root, dir);
  return readdirSync(full).flatMap((name) => {
    if (name === 'generated' || name === 'node_modules') return [];
    const rel = path.posix.join(dir, name);
    return statSync(path.join(full, name)).isDirectory() ? sourceFiles(root, rel) : /\.(c|m)?tsx?$/.test(name) && !name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** The package a bare specifier belongs to (`openai/resources/x` → `openai`, `@prisma/client/x` → `@prisma/client`). */
export function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const builtins = new Set(builtinModules);

/** Whether a bare specifier is Node's own (`node:fs`, `fs`): not a dependency, never a layer edge. */
function isNodeBuiltin(spec: string): boolean {
  return spec.startsWith('node:') || builtins.has(packageName(spec));
}

/** The project file a relative specifier names (as written, with `.ts` for `.js`, or a folder's index). */
function resolveRelative(root: string, from: string, spec: string): string {
  const base = path.resolve(root, path.dirname(from), spec);
  const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, path.join(base, 'index.ts')];
  const found = candidates.find((file) => existsSync(file) && statSync(file).isFile()) ?? base;
  return path.relative(root, found).split(path.sep).join('/');
}

/** The edges out of `files` (root-relative): project files resolved, packages by name, Node built-ins left out. */
export function importEdges(root: string, files: readonly string[]): ImportEdge[] {
  return files.flatMap((from) => importSites(from, readFileSync(path.join(root, from), 'utf8')).flatMap((site): ImportEdge[] => {
    const at = { from, line: site.line, form: site.form };
    if (site.spec.startsWith('.')) return [{ ...at, target: resolveRelative(root, from, site.spec) }];
    return isNodeBuiltin(site.spec) ? [] : [{ ...at, pkg: packageName(site.spec) }];
  }));
}
