import { pino, type Logger } from 'pino';

/**
 * Structured JSON logs. We never log headers or bodies, so secrets cannot reach a log line;
 * the redact list is a second line of defence for fields someone adds later.
 */
export function createLogger(level: string, name = 'api'): Logger {
  return pino({
    name,
    level,
    base: { service: `portico-${name}` },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['password', '*.password', 'secret', '*.secret', 'token', '*.token', 'authorization', '*.authorization', 'cookie', '*.cookie', 'headers', '*.headers'],
      censor: '[redacted]',
    },
  });
}
export type { Logger };
export const LOGGER = Symbol('LOGGER');
