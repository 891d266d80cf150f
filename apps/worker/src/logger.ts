import { pino } from 'pino';

export const createLogger = (level: string) => pino({ name: 'worker', level, base: { service: 'portico-worker' }, timestamp: pino.stdTimeFunctions.isoTime });
export type Logger = ReturnType<typeof createLogger>;
