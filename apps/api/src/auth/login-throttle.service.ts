import { Inject, Injectable } from '@nestjs/common';
import { type Db, clearRateLimit, hitRateLimit, refundRateLimit } from '@portico/db';
import { InjectDb } from '../database/database.module.js';
import { API_ENV, type ApiEnv } from '../env.js';

/** An attempt that may verify a password; settle it once the answer is known. */
export interface PasswordAttempt {
  /** The password was right: the account's counter is cleared, the address's hit given back. */
  succeeded(): Promise<void>;
}

/**
 * Password-guess throttling per account and per client address, counted in Postgres so it
 * holds across API replicas. An attempt is *reserved* (one `INSERT … ON CONFLICT … RETURNING`
 * per counter) before the password is verified, so N parallel guesses get at most the limit's
 * worth of verifications: check-then-verify-then-count let all of them through (issue 8,
 * finding 5). A success gives its reservation back; only failures stay counted.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#login-throttling
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    @InjectDb() private readonly db: Db,
    @Inject(API_ENV) private readonly env: ApiEnv,
  ) {}

  private accountKey = (email: string) => `login:account:${email}`;
  private ipKey = (ip: string) => `login:ip:${ip}`;

  /**
   * Reserves one password verification for `email` from `ip`. Returns the attempt, or the
   * seconds to wait when either counter is already at its limit (nothing is then verified).
   */
  async reserve(email: string, ip: string): Promise<{ attempt: PasswordAttempt } | { retryAfterSeconds: number }> {
    const windowMs = this.env.PORTICO_LOGIN_WINDOW_MINUTES * 60_000;
    // The address first: once it is blocked, a spray over many accounts stops costing them attempts.
    const byIp = await hitRateLimit(this.db, this.ipKey(ip), windowMs);
    if (byIp.count > this.env.PORTICO_LOGIN_MAX_FAILURES_PER_IP) return { retryAfterSeconds: secondsUntil(byIp.resetAt) };
    const byAccount = await hitRateLimit(this.db, this.accountKey(email), windowMs);
    if (byAccount.count > this.env.PORTICO_LOGIN_MAX_FAILURES) {
      // Blocked by the account's counter: this address made no guess, so it gets its hit back.
      await refundRateLimit(this.db, this.ipKey(ip));
      return { retryAfterSeconds: secondsUntil(byAccount.resetAt) };
    }
    return {
      attempt: {
        succeeded: async () => {
          await clearRateLimit(this.db, this.accountKey(email));
          await refundRateLimit(this.db, this.ipKey(ip));
        },
      },
    };
  }
}

const secondsUntil = (at: Date) => Math.max(1, Math.ceil((at.getTime() - Date.now()) / 1000));
