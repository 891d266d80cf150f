import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { InvitationsController } from './invitations.controller.js';
import { InvitationsService } from './invitations.service.js';
import { MembersController } from './members.controller.js';
import { MembersService } from './members.service.js';

/** Members and invitations (accepting one signs in, hence AuthModule). */
@Module({ imports: [AuditModule, AuthModule], controllers: [MembersController, InvitationsController], providers: [MembersService, InvitationsService] })
export class MembersModule {}
