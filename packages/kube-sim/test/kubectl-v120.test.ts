/** Real kubectl v1.20.2 (Debian's kubernetes-client package, extracted, not installed). */
import { kubectlBackendsSuite } from './kubectl-backends.js';
import { kubectlSuite } from './kubectl-suite.js';
import { ensureKubectl120 } from './kubectl-tools.js';

kubectlSuite('kubectl v1.20 (Debian)', ensureKubectl120);
const tool = ensureKubectl120();
if (tool.ok) kubectlBackendsSuite('kubectl v1.20 (Debian)', tool.tool.path, { protobuf: false, printsManagedFields: true });
