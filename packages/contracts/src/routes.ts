import { z } from 'zod';
import { ZChangePasswordRequest, ZCreateOrganizationRequest, ZLoginRequest, ZMe, ZOrganizationSummary, ZSwitchOrganizationRequest } from './auth.js';
import { ZAuditEventList, ZAuditEventQuery } from './audit.js';
import { ZCluster, ZClusterList, ZRegisterClusterRequest, ZUpdateClusterRequest } from './clusters.js';
import { ZInventoryObject, ZInventoryPage, inventoryQueryFor } from './inventory.js';
import { type TRole, ZIdParams, ZPageQuery } from './common.js';
import { ZHealth, ZReadiness } from './health.js';
import { ZCreateMemberRequest, ZMember, ZMemberList, ZUpdateMemberRequest } from './members.js';
import { ZAcceptInvitationRequest, ZAcceptMyInvitationRequest, ZCreatedInvitation, ZInvitationList, ZLookupInvitationRequest, ZMyInvitation, ZMyInvitationList } from './invitations.js';
import { ZApiTokenList, ZCreateApiTokenRequest, ZCreatedApiToken } from './tokens.js';

/**
 * The API's route catalogue: one entry per endpoint. The API binds its validation to these
 * schemas, the OpenAPI document is generated from them, and the RBAC tests iterate them, so
 * an endpoint cannot exist without a contract, a documented shape and a tested role.
 */
export interface RouteContract {
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Express-style path under the server root, e.g. `/api/v1/tokens/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** `public`: no credentials; `session`: browser session only; `any`: session or API token. */
  auth: 'public' | 'session' | 'any';
  minRole?: TRole;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  status: number;
}

const route = <T extends RouteContract>(r: T) => r;

export const routes = {
  healthz: route({ id: 'healthz', method: 'GET', path: '/api/healthz', summary: 'The process is up', tag: 'health', auth: 'public', response: ZHealth, status: 200 }),
  readyz: route({ id: 'readyz', method: 'GET', path: '/api/readyz', summary: 'The database is reachable and migrated', tag: 'health', auth: 'public', response: ZReadiness, status: 200 }),

  login: route({ id: 'login', method: 'POST', path: '/api/v1/auth/login', summary: 'Sign in with e-mail and password; sets the session cookie', tag: 'auth', auth: 'public', body: ZLoginRequest, response: ZMe, status: 200 }),
  logout: route({ id: 'logout', method: 'POST', path: '/api/v1/auth/logout', summary: 'End the current session', tag: 'auth', auth: 'session', minRole: 'viewer', status: 204 }),
  me: route({ id: 'me', method: 'GET', path: '/api/v1/me', summary: 'Who is calling, in which organization, with which role', tag: 'auth', auth: 'any', minRole: 'viewer', response: ZMe, status: 200 }),
  switchOrganization: route({ id: 'switchOrganization', method: 'PUT', path: '/api/v1/me/organization', summary: 'Switch the session to another organization you belong to', tag: 'auth', auth: 'session', minRole: 'viewer', body: ZSwitchOrganizationRequest, response: ZMe, status: 200 }),
  changePassword: route({ id: 'changePassword', method: 'PUT', path: '/api/v1/me/password', summary: 'Change your password (the current one is needed); your other sessions end', tag: 'auth', auth: 'session', minRole: 'viewer', body: ZChangePasswordRequest, status: 204 }),
  createOrganization: route({ id: 'createOrganization', method: 'POST', path: '/api/v1/organizations', summary: 'Create an organization; you become its admin', tag: 'organizations', auth: 'session', minRole: 'viewer', body: ZCreateOrganizationRequest, response: ZOrganizationSummary, status: 201 }),

  listTokens: route({ id: 'listTokens', method: 'GET', path: '/api/v1/tokens', summary: 'API tokens of this organization (admins see all, others their own)', tag: 'tokens', auth: 'any', minRole: 'viewer', query: ZPageQuery, response: ZApiTokenList, status: 200 }),
  createToken: route({ id: 'createToken', method: 'POST', path: '/api/v1/tokens', summary: 'Create an API token; the secret is shown once', tag: 'tokens', auth: 'session', minRole: 'viewer', body: ZCreateApiTokenRequest, response: ZCreatedApiToken, status: 201 }),
  revokeToken: route({ id: 'revokeToken', method: 'DELETE', path: '/api/v1/tokens/:id', summary: 'Revoke an API token (yours, or any as admin)', tag: 'tokens', auth: 'any', minRole: 'viewer', params: ZIdParams, status: 204 }),

  listMembers: route({ id: 'listMembers', method: 'GET', path: '/api/v1/members', summary: 'Members of this organization', tag: 'members', auth: 'any', minRole: 'admin', query: ZPageQuery, response: ZMemberList, status: 200 }),
  createMember: route({ id: 'createMember', method: 'POST', path: '/api/v1/members', summary: 'Invite someone by e-mail; answers the invitation link, shown once (the same answer whether or not the e-mail has an account)', tag: 'members', auth: 'any', minRole: 'admin', body: ZCreateMemberRequest, response: ZCreatedInvitation, status: 201 }),
  listInvitations: route({ id: 'listInvitations', method: 'GET', path: '/api/v1/invitations', summary: 'Open invitations of this organization (pending or expired)', tag: 'members', auth: 'any', minRole: 'admin', query: ZPageQuery, response: ZInvitationList, status: 200 }),
  revokeInvitation: route({ id: 'revokeInvitation', method: 'DELETE', path: '/api/v1/invitations/:id', summary: 'Revoke an open invitation; its link stops working', tag: 'members', auth: 'any', minRole: 'admin', params: ZIdParams, status: 204 }),
  lookupInvitation: route({ id: 'lookupInvitation', method: 'POST', path: '/api/v1/invitations/lookup', summary: 'What an invitation link is for (organization, e-mail, role); the secret travels in the body, never the URL', tag: 'invitations', auth: 'public', body: ZLookupInvitationRequest, response: ZMyInvitation, status: 200 }),
  acceptInvitation: route({ id: 'acceptInvitation', method: 'POST', path: '/api/v1/invitations/accept', summary: "Accept an invitation link with the account's own password (or a new account's); signs in to that organization", tag: 'invitations', auth: 'public', body: ZAcceptInvitationRequest, response: ZMe, status: 200 }),
  listMyInvitations: route({ id: 'listMyInvitations', method: 'GET', path: '/api/v1/me/invitations', summary: 'Pending invitations addressed to your e-mail', tag: 'invitations', auth: 'session', minRole: 'viewer', response: ZMyInvitationList, status: 200 }),
  acceptMyInvitation: route({ id: 'acceptMyInvitation', method: 'POST', path: '/api/v1/me/invitations/:id/accept', summary: "Accept an invitation addressed to you (its link's secret is needed); switches the session to that organization", tag: 'invitations', auth: 'session', minRole: 'viewer', params: ZIdParams, body: ZAcceptMyInvitationRequest, response: ZMe, status: 200 }),
  declineMyInvitation: route({ id: 'declineMyInvitation', method: 'POST', path: '/api/v1/me/invitations/:id/decline', summary: 'Decline an invitation addressed to you', tag: 'invitations', auth: 'session', minRole: 'viewer', params: ZIdParams, status: 204 }),
  updateMember: route({ id: 'updateMember', method: 'PATCH', path: '/api/v1/members/:id', summary: "Change a member's role, or disable/enable them", tag: 'members', auth: 'any', minRole: 'admin', params: ZIdParams, body: ZUpdateMemberRequest, response: ZMember, status: 200 }),

  listClusters: route({ id: 'listClusters', method: 'GET', path: '/api/v1/clusters', summary: 'Clusters of this organization with status, facts and sync progress', tag: 'clusters', auth: 'any', minRole: 'viewer', response: ZClusterList, status: 200 }),
  getCluster: route({ id: 'getCluster', method: 'GET', path: '/api/v1/clusters/:id', summary: 'One cluster', tag: 'clusters', auth: 'any', minRole: 'viewer', params: ZIdParams, response: ZCluster, status: 200 }),
  registerCluster: route({ id: 'registerCluster', method: 'POST', path: '/api/v1/clusters', summary: 'Register a cluster from a kubeconfig or a server URL + token; the connection is checked first', tag: 'clusters', auth: 'any', minRole: 'admin', body: ZRegisterClusterRequest, response: ZCluster, status: 201 }),
  updateCluster: route({ id: 'updateCluster', method: 'PATCH', path: '/api/v1/clusters/:id', summary: 'Rotate credentials, or disable/enable syncing', tag: 'clusters', auth: 'any', minRole: 'admin', params: ZIdParams, body: ZUpdateClusterRequest, response: ZCluster, status: 200 }),
  deleteCluster: route({ id: 'deleteCluster', method: 'DELETE', path: '/api/v1/clusters/:id', summary: 'Delete a cluster and its synced objects', tag: 'clusters', auth: 'any', minRole: 'admin', params: ZIdParams, status: 204 }),

  listServices: route({ id: 'listServices', method: 'GET', path: '/api/v1/inventory/services', summary: 'Services of every type across clusters: type, IPs, ports, node ports, DNS name, endpoints', tag: 'inventory', auth: 'any', minRole: 'viewer', query: inventoryQueryFor('services'), response: ZInventoryPage, status: 200 }),
  listIngresses: route({ id: 'listIngresses', method: 'GET', path: '/api/v1/inventory/ingresses', summary: 'Ingresses: class, hosts, paths → backends (with warnings), TLS, cert-manager issuer', tag: 'inventory', auth: 'any', minRole: 'viewer', query: inventoryQueryFor('ingresses'), response: ZInventoryPage, status: 200 }),
  listGatewayClasses: route({ id: 'listGatewayClasses', method: 'GET', path: '/api/v1/inventory/gatewayclasses', summary: 'Gateway API GatewayClasses', tag: 'inventory', auth: 'any', minRole: 'viewer', query: inventoryQueryFor('gatewayclasses'), response: ZInventoryPage, status: 200 }),
  listGateways: route({ id: 'listGateways', method: 'GET', path: '/api/v1/inventory/gateways', summary: 'Gateway API Gateways', tag: 'inventory', auth: 'any', minRole: 'viewer', query: inventoryQueryFor('gateways'), response: ZInventoryPage, status: 200 }),
  listHttpRoutes: route({ id: 'listHttpRoutes', method: 'GET', path: '/api/v1/inventory/httproutes', summary: 'Gateway API HTTPRoutes', tag: 'inventory', auth: 'any', minRole: 'viewer', query: inventoryQueryFor('httproutes'), response: ZInventoryPage, status: 200 }),
  listNetworkPolicies: route({ id: 'listNetworkPolicies', method: 'GET', path: '/api/v1/inventory/networkpolicies', summary: 'NetworkPolicies', tag: 'inventory', auth: 'any', minRole: 'viewer', query: inventoryQueryFor('networkpolicies'), response: ZInventoryPage, status: 200 }),
  listCertificates: route({ id: 'listCertificates', method: 'GET', path: '/api/v1/inventory/certificates', summary: 'TLS certificates (from kubernetes.io/tls Secrets) with expiry', tag: 'inventory', auth: 'any', minRole: 'viewer', query: inventoryQueryFor('certificates'), response: ZInventoryPage, status: 200 }),
  getObject: route({ id: 'getObject', method: 'GET', path: '/api/v1/inventory/objects/:id', summary: 'One synced object: summary, YAML and related objects', tag: 'inventory', auth: 'any', minRole: 'viewer', params: ZIdParams, response: ZInventoryObject, status: 200 }),

  listAuditEvents: route({ id: 'listAuditEvents', method: 'GET', path: '/api/v1/audit-events', summary: 'Audit trail of this organization, newest first', tag: 'audit', auth: 'any', minRole: 'admin', query: ZAuditEventQuery, response: ZAuditEventList, status: 200 }),
} satisfies Record<string, RouteContract>;

export type RouteId = keyof typeof routes;
export const routeList: RouteContract[] = Object.values(routes);
