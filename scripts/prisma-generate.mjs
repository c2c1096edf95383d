// Generates the Prisma client after `npm install`. Prisma 7's `generate` needs no database and no
// network, but the CLI insists on knowing where a schema-engine binary would be; our machines cannot
// download it, so we point it at an existing placeholder file (generate never runs it).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url); // any existing file will do
const run = spawnSync(process.execPath, [path.join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'generate'], {
  cwd: root, env, stdio: 'inherit',
});
process.exit(run.status ?? 1);
