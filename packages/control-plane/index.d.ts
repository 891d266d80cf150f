/** Test support only: a real kube-apiserver + etcd + kube-controller-manager (see README.md). */

export interface ControlPlaneOptions {
  /** Defaults to PORTICO_CONTROL_PLANE_BIN, then .data/control-plane/bin/control-plane. */
  bin?: string;
  /** Install the Gateway API (standard) and cert-manager CRDs. Default true. */
  crds?: boolean;
  /** Run kube-controller-manager (Deployments → ReplicaSets, EndpointSlices, …). Default true. */
  controllerManager?: boolean;
  /** Default 10.96.0.0/12. */
  serviceClusterIpRange?: string;
  /** Default 30000-32767. */
  serviceNodePortRange?: string;
  /** Default 120000. */
  timeoutMs?: number;
  /**
   * Also run cert-manager's controller (SelfSigned and CA issuers, ingress-shim; no webhook, no
   * cainjector, no leader election) with namespace `cert-manager` as its cluster resource namespace.
   * Default false.
   */
  certManager?: boolean;
  /** Defaults to `cert-manager-controller` beside the control plane binary. */
  certManagerBin?: string;
}

export interface ControlPlaneResponse<T = any> {
  status: number;
  body: T;
}

export interface ControlPlane {
  /** https://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Admin kubeconfig YAML (token, CA inline). */
  kubeconfig: string;
  kubeconfigPath: string;
  caPem: string;
  /** Admin bearer token (group system:masters). */
  token: string;
  /** Spawn → ready line, as measured by the caller. */
  startupMs: number;
  request<T = any>(method: string, path: string, body?: unknown, options?: { token?: string; contentType?: string }): Promise<ControlPlaneResponse<T>>;
  /** The last 64 KiB the control plane wrote to stderr. */
  logs(): string;
  /** The last 64 KiB cert-manager wrote to stderr ('' when it does not run). */
  certManagerLogs(): string;
  close(): Promise<void>;
}

/** `{ bin }`, or `{ skip: reason }` when tests must skip (no Go toolchain). */
export function controlPlaneBinary(): { bin: string; skip?: undefined } | { bin?: undefined; skip: string };

export function startControlPlane(options?: ControlPlaneOptions): Promise<ControlPlane>;
