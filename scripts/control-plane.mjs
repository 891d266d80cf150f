// `npm run control-plane:build`: builds packages/control-plane (etcd + kube-apiserver +
// kube-controller-manager, one pinned Kubernetes release) into .data/control-plane/bin, and beside
// it cert-manager's controller (packages/control-plane/certmanager, its own Go module).
// Go's own module and build caches make a rebuild take seconds; when the binary is newer than
// every Go input the build is skipped altogether. Without a Go toolchain it prints why and how
// to get one and reports a skip, so `npm test` runs everything else.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { root } from './ensure-install.mjs';

const source = path.join(root, 'packages/control-plane');
const generated = path.join(source, 'internal/crdmanifests/generated');
export const controlPlaneBin = path.join(root, '.data/control-plane/bin/control-plane');
const certManagerSource = path.join(source, 'certmanager');
/** Where packages/control-plane/index.js looks for it: next to the control plane binary. */
export const certManagerBin = path.join(path.dirname(controlPlaneBin), 'cert-manager-controller');

const GO_MISSING =
  'the Go toolchain (go 1.26 or later) was not found on PATH, in $GO or at /usr/local/go/bin/go. ' +
  'Install it from https://go.dev/dl/ (or your package manager) and run `npm run control-plane:build`; ' +
  'the tests against a real Kubernetes control plane are skipped until then.';

/** The `go` command to use, or undefined when no toolchain is installed. */
export function findGo() {
  for (const candidate of [process.env.GO, 'go', '/usr/local/go/bin/go']) {
    if (!candidate) continue;
    const r = spawnSync(candidate, ['env', 'GOVERSION'], { encoding: 'utf8' });
    if (r.status === 0) return { go: candidate, version: r.stdout.trim() };
  }
  return undefined;
}

/** Newest modification time among the files under `dir` that `keep` selects. */
function newestMtime(dir, keep) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full, keep));
    else if (keep(full)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Kubernetes' own build stamps its version with -X (hack/lib/version.sh); without these /version
 * would say v0.0.0-master. The release and its date come from the pinned module.
 */
function versionFlags(go) {
  const r = spawnSync(go, ['list', '-m', '-json', 'k8s.io/kubernetes'], { cwd: source, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`go list -m k8s.io/kubernetes failed: ${r.stderr}`);
  const { Version: version, Time: time } = JSON.parse(r.stdout);
  const [major, minor] = version.replace(/^v/, '').split('.');
  const values = { gitVersion: version, gitMajor: major, gitMinor: minor, gitTreeState: 'clean', gitCommit: '', buildDate: time.replace(/\.\d+/, '') };
  return ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version'].flatMap((pkg) => Object.entries(values).map(([name, value]) => `-X=${pkg}.${name}=${value}`));
}

const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);

/**
 * Builds the control plane if needed. Returns `{ bin }`, or `{ skipped: reason }` when there is no
 * Go toolchain; throws when a build with a toolchain fails (that is a broken build, not a skip).
 */
export function ensureControlPlane({ log = (msg) => console.log(`[control-plane] ${msg}`) } = {}) {
  const toolchain = findGo();
  if (!toolchain) {
    log(`SKIPPED: ${GO_MISSING}`);
    return { skipped: GO_MISSING };
  }
  const run = (args, cwd) => {
    const r = spawnSync(toolchain.go, args, { cwd, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`\`go ${args.join(' ')}\` failed in ${path.relative(root, cwd)} (exit ${r.status ?? r.signal})`);
  };

  // CRD manifests are copied from the pinned modules (crdsources/go.mod) only when those pins change.
  const pins = Math.max(mtime(path.join(source, 'crdsources/go.mod')), mtime(path.join(source, 'crdsources/go.sum')));
  if (!existsSync(generated) || mtime(generated) < pins) {
    log('copying the CRD manifests out of their pinned modules…');
    run(['generate', './internal/crdmanifests'], source);
  }

  // The cert-manager module is built on its own: its files never make the control plane stale.
  const inputs = newestMtime(source, (f) => /\.go$|go\.(mod|sum)$|\.yaml$/.test(f) && !f.startsWith(`${certManagerSource}${path.sep}`));
  // `ldflags` is a function: the control plane's asks `go list`, only worth it when building.
  const build = (what, dir, out, ldflags, inputsMtime) => {
    if (mtime(out) > inputsMtime) return log(`up to date: ${path.relative(root, out)}`);
    log(`building ${what} with ${toolchain.version} (a first build compiles its Kubernetes modules: minutes; later ones: seconds)…`);
    const started = Date.now();
    mkdirSync(path.dirname(out), { recursive: true });
    // Built beside the old binary and renamed over it, so a failed build never leaves a half-written one.
    const tmp = `${out}.tmp`;
    rmSync(tmp, { force: true });
    run(['build', '-trimpath', '-buildvcs=false', `-ldflags=${ldflags()}`, '-o', tmp, '.'], dir);
    renameSync(tmp, out);
    log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.relative(root, out)}`);
  };
  build('the control plane', source, controlPlaneBin, () => `-s -w ${versionFlags(toolchain.go).join(' ')}`, inputs);
  build(
    'cert-manager',
    certManagerSource,
    certManagerBin,
    () => '-s -w',
    newestMtime(certManagerSource, (f) => /\.go$|go\.(mod|sum)$/.test(f)),
  );
  return { bin: controlPlaneBin, certManagerBin };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    ensureControlPlane();
  } catch (err) {
    console.error(`[control-plane] ${err.message}`);
    process.exit(1);
  }
}
