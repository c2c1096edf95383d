import { defineConfig } from 'prisma/config';

/** Prisma CLI settings; the app itself opens the database through src/db/database.ts. */
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/clawchat.db' },
});
