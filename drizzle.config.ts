// drizzle-kit: generates the directory database's SQL migrations into migrations/ (`npm run db:generate`).
// The same files are applied to D1 (wrangler, the Workers test pool) and to libSQL (drizzle's migrator).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './worker/storage/schema.ts',
  out: './migrations',
});
