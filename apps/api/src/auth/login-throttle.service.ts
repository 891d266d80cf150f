import { Inject, Injectable } from '@nestjs/common';
import { type Db, clearRateLimit, hitRateLimit, peekRateLimit } from '@portico/db';
import { InjectDb } from '../database/database.module.js';
import { API_ENV, type ApiEnv } from '../env.js';

/**
 * Login throttling per account and per client address, counted in Postgres so it holds
 * across API replicas. Only failures count; a success clears the account's counter.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#login-throttling
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDb() private readonly db: Db,
    @Inject(API_ENV) private readonly env: ApiEnv,
  ) {}

  private keys(email: string, ip: string) {
    return [
      { key: `login:account:${email}`, limit: this.env.PORTICO_LOGIN_MAX_FAILURES },
      { key: `login:ip:${ip}`, limit: this.env.PORTICO_LOGIN_MAX_FAILURES_PER_IP },
    ];
  }

  /** Seconds to wait when either counter is exhausted, else null. */
  async blockedFor(email: string, ip: string): Promise<number | null> {
    for (const { key, limit } of this.keys(email, ip)) {
      const bucket = await peekRateLimit(this.db, key);
      if (bucket && bucket.count >= limit) return Math.max(1, Math.ceil((bucket.resetAt.getTime() - Date.now()) / 1000));
    }
    return null;
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const windowMs = this.env.PORTICO_LOGIN_WINDOW_MINUTES * 60_000;
    for (const { key } of this.keys(email, ip)) await hitRateLimit(this.db, key, windowMs);
  }

  recordSuccess(email: string) {
    return clearRateLimit(this.db, `login:account:${email}`);
  }
}
