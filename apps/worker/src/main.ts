import { parseWorkerEnv } from './env.js';
import { createLogger } from './logger.js';
import { startWorker } from './worker.js';

let env;
try {
  env = parseWorkerEnv();
} catch (e) {
  process.stderr.write(`portico-worker: ${(e as Error).message}\n`);
  process.exit(78); // EX_CONFIG
}
const logger = createLogger(env.LOG_LEVEL);
const worker = await startWorker(env, logger);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    worker.stop().then(
      () => process.exit(0),
      (err: Error) => {
        logger.error({ err: { message: err.message } }, 'unclean stop');
        process.exit(1);
      },
    );
  });
}
