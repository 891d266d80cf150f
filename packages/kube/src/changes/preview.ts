/**
 * The preview of a planned change: the manifest as YAML, a server-side dry-run (the apiserver
 * validates, defaults and allocates exactly as it would for real, and stores nothing), a diff of
 * the live object against the dry-run's result, the kubectl command, and warnings a platform
 * engineer would want before applying: nothing selected, ports the pods do not expose, node
 * ports taken, objects a GitOps or Helm controller will put back, fields another manager owns.
 */
import type { TChangePreview, TChangeRequest, TChangeWarning } from '@portico/contracts';
import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import { type Dict, dictOf, isDict, metadataOf, stringMap } from '../kinds/common.js';
import { containerPorts } from '../kinds/workload.js';
import { fieldManagerConflicts, KubeHttpError } from '../client.js';
import type { ChangeClient } from './change-client.js';
import { ChangeInputError } from './errors.js';
import { type FieldMapper, describeKubeFailure } from './kube-failure.js';
import { objectPath } from '../object-writes.js';
import { pathOf } from './paths.js';
import type { ChangePlan } from './plan.js';
import { gatewayPreviewExtras } from './gateway-warnings.js';

/** What Portico knows from its synced copy, which the cluster alone does not say cheaply. */
export interface PreviewContext {
  syncedResourceVersion: string | null;
  /** Node ports of the cluster's other Services. */
  nodePortsInUse: { nodePort: number; protocol: string; service: string }[];
  /** What routes to the target (for a delete: what stops resolving). */
  referrers: { kind: string; namespace: string; name: string }[];
  mapField: FieldMapper;
}

/** The apiserver refused the object: the request's fields and why. */
export class ChangeRefusedError extends Error {
  override readonly name = 'ChangeRefusedError';
  constructor(
    message: string,
    readonly fields: { name: string; reason: string }[],
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** Labels and annotations of tools that reconcile the object back to their own source of truth. */
const MANAGERS: { tool: string; label?: [string, string?]; annotation?: string }[] = [
  { tool: 'Helm', label: ['app.kubernetes.io/managed-by', 'Helm'] },
  { tool: 'Helm', annotation: 'meta.helm.sh/release-name' },
  { tool: 'Argo CD', label: ['argocd.argoproj.io/instance'] },
  { tool: 'Argo CD', annotation: 'argocd.argoproj.io/tracking-id' },
  { tool: 'Flux', label: ['kustomize.toolkit.fluxcd.io/name'] },
  { tool: 'Flux', label: ['helm.toolkit.fluxcd.io/name'] },
];

export function managingTool(obj: Dict | undefined): string | null {
  if (!obj) return null;
  const labels = stringMap(metadataOf(obj).labels);
  const annotations = stringMap(metadataOf(obj).annotations);
  for (const m of MANAGERS) {
    if (m.label && labels[m.label[0]] !== undefined && (m.label[1] === undefined || labels[m.label[0]] === m.label[1])) return m.tool;
    if (m.annotation && annotations[m.annotation] !== undefined) return m.tool;
  }
  return null;
}

/** The object as a reader compares it: without what the apiserver alone keeps (managedFields, uid, versions, status). */
function forDiff(obj: Dict | undefined): string {
  if (!obj) return '';
  const { status: _status, ...rest } = obj;
  const meta = { ...metadataOf(obj) };
  for (const key of ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation']) delete meta[key];
  return stringify({ ...rest, metadata: meta }, { sortMapEntries: false });
}

export function unifiedDiff(live: Dict | undefined, after: Dict | undefined, name: string): string {
  const patch = createTwoFilesPatch(`live/${name}`, `after/${name}`, forDiff(live), forDiff(after), undefined, undefined, { context: 3 });
  // The header's `====` line says nothing a reader needs.
  return patch.replace(/^=+\n/, '');
}

export const ALLOCATED_ON_APPLY = '<allocated on apply>';

/**
 * A dry-run allocates nothing: the real apiserver answers a placeholder cluster IP and node
 * ports counting up from 32769 (outside the range). What the cluster will choose — neither asked
 * for nor already set — is shown as such, not as a number the Service will not get.
 */
export function markUnallocated(after: Dict, live: Dict | undefined, manifest: Dict | undefined): Dict {
  if (after.kind !== 'Service') return after;
  const spec = { ...dictOf(after.spec) };
  const asked = dictOf(dictOf(manifest).spec);
  const had = dictOf(dictOf(live).spec);
  const key = (p: Dict) => `${String(p.port)}/${typeof p.protocol === 'string' ? p.protocol : 'TCP'}`;
  if (spec.clusterIP !== 'None' && spec.clusterIP !== undefined && asked.clusterIP === undefined && had.clusterIP === undefined) {
    spec.clusterIP = ALLOCATED_ON_APPLY;
    if (Array.isArray(spec.clusterIPs)) spec.clusterIPs = spec.clusterIPs.map(() => ALLOCATED_ON_APPLY);
  }
  // LoadBalancer + externalTrafficPolicy Local: the dry-run's health-check port is a placeholder too (32770 on a real apiserver).
  if (typeof spec.healthCheckNodePort === 'number' && asked.healthCheckNodePort === undefined && had.healthCheckNodePort === undefined) spec.healthCheckNodePort = ALLOCATED_ON_APPLY;
  const askedPorts = new Map((Array.isArray(asked.ports) ? asked.ports.filter(isDict) : []).map((p) => [key(p), p]));
  const hadPorts = new Map((Array.isArray(had.ports) ? had.ports.filter(isDict) : []).map((p) => [key(p), p]));
  if (Array.isArray(spec.ports)) {
    spec.ports = spec.ports
      .filter(isDict)
      .map((p) => (p.nodePort !== undefined && askedPorts.get(key(p))?.nodePort === undefined && hadPorts.get(key(p))?.nodePort === undefined ? { ...p, nodePort: ALLOCATED_ON_APPLY } : p));
  }
  return { ...after, spec };
}

const warning = (code: TChangeWarning['code'], message: string, field: string | null = null): TChangeWarning => ({ code, message, field });

export async function previewChange(client: ChangeClient, plan: ChangePlan, ctx: PreviewContext): Promise<TChangePreview> {
  const path = objectPath(plan.target);
  const warnings: TChangeWarning[] = [];
  let live: Dict | undefined;
  let after: Dict | undefined;
  let conflicts: { manager: string; field: string }[] = [];
  const companions: TChangeRequest[] = [];
  const taken = takenNodePorts(plan, ctx);
  warnings.push(...taken);
  try {
    live = await client.get(path);
    if (plan.operation === 'delete') {
      if (!live) throw new ChangeInputError('change.target.name', `no ${plan.target.kind} named ${plan.target.name} on the cluster`);
      const dry = await client.remove(path, { preconditions: {}, dryRun: true });
      warnings.push(...dry.warnings.map((w) => warning('apiserver', w)));
      for (const r of ctx.referrers) warnings.push(warning('stops_resolving', `${r.kind} ${r.namespace}/${r.name} routes to this ${plan.target.kind}; it stops resolving when it is deleted`));
    } else {
      const manifest = plan.manifest!;
      let dry;
      try {
        dry = await client.apply(path, manifest, { force: false, dryRun: true });
      } catch (err) {
        conflicts = err instanceof KubeHttpError ? fieldManagerConflicts(err) : [];
        if (!conflicts.length) throw err;
        // Show what a forced apply would do; submitting still needs the explicit `force`.
        dry = await client.apply(path, manifest, { force: true, dryRun: true });
        for (const c of conflicts) warnings.push(warning('field_owned_by_other_manager', `${c.field} is owned by field manager "${c.manager}"; applying takes it over only with force`, null));
      }
      after = dry.object;
      warnings.push(...dry.warnings.map((w) => warning('apiserver', w)));
      warnings.push(...(await serviceWarnings(client, plan, after)));
      const gatewayExtras = await gatewayPreviewExtras(client, plan);
      warnings.push(...gatewayExtras.warnings);
      companions.push(...gatewayExtras.companions);
    }
  } catch (err) {
    if (err instanceof ChangeInputError) throw err;
    const failure = describeKubeFailure(err, ctx.mapField);
    // The apiserver says a port is allocated; the synced copy says to whom.
    const fields = failure.fields.map((f) => ({ ...f, reason: [f.reason, ...taken.filter((w) => w.field === f.name).map((w) => w.message)].join('; ') }));
    throw new ChangeRefusedError(failure.message, fields, failure.retryable);
  }
  const tool = managingTool(live);
  if (tool) warnings.push(warning('managed_by_tool', `${plan.target.kind} ${plan.target.name} is managed by ${tool}: ${tool} will put its own version back; change it in ${tool}'s source instead`));
  const liveRv = typeof metadataOf(live).resourceVersion === 'string' ? (metadataOf(live).resourceVersion as string) : null;
  const stale = live !== undefined && ctx.syncedResourceVersion !== liveRv;
  if (stale) warnings.push(warning('synced_copy_stale', "Portico's copy of this object is older than the cluster's; the diff is against the live object"));
  return {
    target: plan.target,
    operation: plan.operation,
    yaml: plan.manifest ? stringify(plan.manifest) : '',
    diff: unifiedDiff(live, after && markUnallocated(after, live, plan.manifest), `${plan.target.kind.toLowerCase()}/${plan.target.name}`),
    live: { exists: live !== undefined, resourceVersion: liveRv, syncedResourceVersion: ctx.syncedResourceVersion, syncedCopyStale: stale },
    baseResourceVersion: liveRv ?? '',
    kubectl: plan.kubectl,
    warnings,
    conflicts,
    ...(companions.length ? { companions } : {}),
  };
}

/** Node ports the manifest asks for that another Service of the cluster already uses (from the synced copy). */
function takenNodePorts(plan: ChangePlan, ctx: PreviewContext): TChangeWarning[] {
  if (plan.target.kind !== 'Service') return [];
  const spec = dictOf(dictOf(plan.manifest).spec);
  const ports = Array.isArray(spec.ports) ? spec.ports.filter(isDict) : [];
  const out: TChangeWarning[] = [];
  ports.forEach((p, i) => {
    if (typeof p.nodePort !== 'number') return;
    const protocol = typeof p.protocol === 'string' ? p.protocol : 'TCP';
    const taken = ctx.nodePortsInUse.find((u) => u.nodePort === p.nodePort && u.protocol === protocol && u.service !== `${plan.target.namespace}/${plan.target.name}`);
    if (taken) out.push(warning('node_port_taken', `nodePort ${String(p.nodePort)} is already used by Service ${taken.service}`, `change.ports.${i}.nodePort`));
  });
  return out;
}

/** Warnings about a Service's selector, target ports and node ports, against the pods it would select. */
async function serviceWarnings(client: ChangeClient, plan: ChangePlan, after: Dict | undefined): Promise<TChangeWarning[]> {
  if (plan.target.kind !== 'Service' || !after) return [];
  const out: TChangeWarning[] = [];
  const spec = dictOf(after.spec);
  const ports = Array.isArray(spec.ports) ? spec.ports.filter(isDict) : [];
  const selector = stringMap(spec.selector);
  if (spec.type === 'ExternalName' || Object.keys(selector).length === 0) return out;
  const labelSelector = Object.entries(selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pods = await client.list(`${pathOf({ apiVersion: 'v1', plural: 'pods', namespace: plan.target.namespace })}?labelSelector=${encodeURIComponent(labelSelector)}&limit=50`);
  if (pods.length === 0) {
    out.push(warning('selector_matches_no_pod', `the selector ${labelSelector} matches no pod in namespace ${plan.target.namespace}: the Service will have no endpoints`, 'change.selector'));
    return out;
  }
  // Ports declared by the selected pods (or, before they exist, by the workload being exposed).
  const declared = [...pods, ...(plan.source ? [plan.source] : [])].flatMap((pod) => containerPorts(pod));
  if (declared.length === 0) return out;
  ports.forEach((p, i) => {
    const target = p.targetPort ?? p.port;
    const exposed = typeof target === 'string' ? declared.some((c) => c.name === target) : declared.some((c) => c.containerPort === target);
    if (!exposed) {
      const list = [...new Set(declared.map((c) => (c.name ? `${c.containerPort} (${c.name})` : String(c.containerPort))))].join(', ');
      out.push(warning('port_not_exposed', `targetPort ${String(target)} is not a port the selected pods' containers declare (${list})`, `change.ports.${i}.targetPort`));
    }
  });
  return out;
}
