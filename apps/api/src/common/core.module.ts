import { Global, Module } from '@nestjs/common';
import { API_ENV, type ApiEnv } from '../env.js';
import { LOGGER, type Logger } from './logger.js';

/** The parsed configuration and the logger, for every domain module; the app factory supplies them. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(env: ApiEnv, logger: Logger) {
    return {
      module: CoreModule,
      providers: [
        { provide: API_ENV, useValue: env },
        { provide: LOGGER, useValue: logger },
      ],
      exports: [API_ENV, LOGGER],
    };
  }
}
