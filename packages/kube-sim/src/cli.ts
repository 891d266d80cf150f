#!/usr/bin/env node
/**
 * `kube-sim --port 6443 --scenario course --kubeconfig-out sim.kubeconfig`
 * Starts a simulator and keeps it running until SIGINT/SIGTERM.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startSimulator } from './simulator.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '6443' },
    scenario: { type: 'string', default: 'course' },
    'kubeconfig-out': { type: 'string' },
    'no-gateway-api': { type: 'boolean', default: false },
    'no-cert-manager': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('usage: kube-sim [--port 6443] [--scenario course|empty|FILE] [--kubeconfig-out FILE] [--no-gateway-api] [--no-cert-manager]');
  process.exit(0);
}

// `npm run sim -w …` runs in the package directory; resolve paths against where the user typed
// the command (npm's INIT_CWD) so `--kubeconfig-out sim.kubeconfig` lands there.
const cwd = process.env.INIT_CWD ?? process.cwd();
const scenario = values.scenario === 'course' || values.scenario === 'empty' ? values.scenario : resolve(cwd, values.scenario);
const kubeconfigOut = values['kubeconfig-out'] ? resolve(cwd, values['kubeconfig-out']) : undefined;

const sim = await startSimulator({
  port: Number(values.port),
  scenario,
  gatewayApi: !values['no-gateway-api'],
  certManager: !values['no-cert-manager'],
  onError: (source, err) => console.error(`[${source}]`, err),
});
if (kubeconfigOut) writeFileSync(kubeconfigOut, sim.kubeconfig, { mode: 0o600 });
console.log(`kube-sim listening on ${sim.url}`);
if (kubeconfigOut) console.log(`kubeconfig written to ${kubeconfigOut} (kubectl --kubeconfig ${kubeconfigOut} get svc -A)`);
else console.log(`admin token: ${sim.tokens.admin}`);

const stop = async () => {
  await sim.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
