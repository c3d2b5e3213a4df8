import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new SQL migration from the schema. Review it before committing,
// never reorder existing ones (the migrator skips a migration older than the last one applied).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './src/db/migrations',
});
