/** kubectl v1.33 (sends protobuf bodies for `kubectl create service|secret|configmap|deployment`), on both backends. */
import { describe, it } from 'vitest';
import { kubectlBackendsSuite } from './kubectl-backends.js';
import { ensureKubectl133 } from './kubectl-tools.js';

const tool = ensureKubectl133();
if (tool.ok) kubectlBackendsSuite('kubectl v1.33', tool.tool.path, { protobuf: true });
else {
  console.warn(`[kube-sim tests] skipping kubectl v1.33: ${tool.reason}`);
  describe.skip(`kubectl v1.33 (unavailable: ${tool.reason})`, () => it('skipped', () => undefined));
}
