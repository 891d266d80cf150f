import { createDb } from '@portico/db';
import { createApp } from './app.factory.js';
import { createLogger } from './common/logger.js';
import { parseApiEnv } from './env.js';

// Configuration first: a bad variable stops the process with its name, before anything starts.
let env;
try {
  env = parseApiEnv();
} catch (e) {
  process.stderr.write(`portico-api: ${(e as Error).message}\n`);
  process.exit(78); // EX_CONFIG
}

const logger = createLogger(env.LOG_LEVEL, 'api');
const db = createDb(env.DATABASE_URL, { statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_SECONDS * 1000 });
const app = await createApp({ env, db, logger });
await app.listen(env.PORT, env.HOST);
logger.info({ host: env.HOST, port: env.PORT }, 'api listening');
