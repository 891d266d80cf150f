import { z } from 'zod';
import { ZIsoDate, ZPageQuery, ZUuid, pageOf } from './common.js';

export const AuditAction = {
  LoginSucceeded: 'auth.login.succeeded',
  LoginFailed: 'auth.login.failed',
  LoginThrottled: 'auth.login.throttled',
  Logout: 'auth.logout',
  TokenCreated: 'token.created',
  TokenRevoked: 'token.revoked',
  MemberCreated: 'member.created',
  MemberUpdated: 'member.updated',
  InvitationCreated: 'invitation.created',
  InvitationAccepted: 'invitation.accepted',
  InvitationDeclined: 'invitation.declined',
  InvitationRevoked: 'invitation.revoked',
  PasswordChanged: 'auth.password.changed',
  OrganizationCreated: 'organization.created',
  ClusterRegistered: 'cluster.registered',
  ClusterUpdated: 'cluster.updated',
  ClusterDeleted: 'cluster.deleted',
  ChangeSubmitted: 'change.submitted',
  ChangeApproved: 'change.approved',
  ChangeRejected: 'change.rejected',
  ChangeCancelled: 'change.cancelled',
  ChangeApplied: 'change.applied',
  ChangeFailed: 'change.failed',
  NotificationPolicyUpdated: 'notifications.policy.updated',
  TestEmailQueued: 'notifications.test-email.queued',
  CertificateSnoozed: 'certificate.snoozed',
  CertificateUnsnoozed: 'certificate.unsnoozed',
} as const;
export type TAuditAction = (typeof AuditAction)[keyof typeof AuditAction];

export const ZAuditEvent = z.object({
  id: ZUuid,
  action: z.string(),
  outcome: z.enum(['success', 'failure']),
  actor: z.object({ userId: ZUuid.nullable(), email: z.string().nullable(), tokenId: ZUuid.nullable() }),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: ZIsoDate,
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;
export const ZAuditEventList = pageOf(ZAuditEvent);
export type TAuditEventList = z.infer<typeof ZAuditEventList>;

export const AUDIT_ACTIONS = Object.values(AuditAction) as [TAuditAction, ...TAuditAction[]];
/** An unknown action is a typo, not an empty trail: refuse it like any other enum. */
export const ZAuditActionFilter = z.enum(AUDIT_ACTIONS);
export const ZAuditEventQuery = ZPageQuery.extend({ action: ZAuditActionFilter.optional() });
export type TAuditEventQuery = z.infer<typeof ZAuditEventQuery>;
