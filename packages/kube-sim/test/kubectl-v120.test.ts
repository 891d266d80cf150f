/** Real kubectl v1.20.2 (Debian's kubernetes-client package, extracted, not installed). */
import { kubectlSuite } from './kubectl-suite.js';
import { ensureKubectl120 } from './kubectl-tools.js';

kubectlSuite('kubectl v1.20 (Debian)', ensureKubectl120);
