// Prisma CLI config. Only `prisma generate` runs here: migrations are plain SQL files applied
// by packages/db's own runner (the Prisma migrate engine cannot be downloaded on our machines;
// see docs/database.md). `prisma migrate status/deploy` still agree with that runner.
import 'dotenv/config';
import { defineConfig, env } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ? env('DATABASE_URL') : 'postgresql://localhost:5432/portico' },
});
