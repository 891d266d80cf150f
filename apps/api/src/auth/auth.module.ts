import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoginThrottleService } from './login-throttle.service.js';

/** Sessions, tokens' authentication and sign-in throttling; AuthService is exported for the global AuthGuard and invitations. */
@Module({ imports: [AuditModule], controllers: [AuthController], providers: [AuthService, LoginThrottleService], exports: [AuthService] })
export class AuthModule {}
