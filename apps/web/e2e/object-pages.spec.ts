import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { requireAdminCredentials, screen, signIn } from './helpers';

/**
 * Object pages and relations (issues 9 and 14) on the course scenario: a Service's Related link
 * opens its Deployment's page (not a 404), which shows container ports, the selecting Services
 * and Expose; a Service lists the Ingress that routes to it; a Service that selects a bare Pod
 * shows the Pod; an Ingress's TLS entry links to its Secret with the certificate's expiry.
 * Needs DEMO_KUBECONFIG_PATH, like clusters-and-inventory.spec.ts.
 */
const kubeconfigPath = process.env.DEMO_KUBECONFIG_PATH ?? '';
let clusterId = '';

async function csrf(page: Page): Promise<string> {
  const me = await page.request.get('/api/v1/me');
  return ((await me.json()) as { csrfToken: string }).csrfToken;
}

/** Registers the simulator through the API (the UI path is clusters-and-inventory.spec.ts's) and waits for its first sync. */
async function registerCourseCluster(page: Page): Promise<string> {
  const res = await page.request.post('/api/v1/clusters', {
    headers: { 'X-CSRF-Token': await csrf(page) },
    data: { name: `objects-${Date.now()}`, kubeconfig: fs.readFileSync(kubeconfigPath, 'utf8') },
  });
  expect(res.status(), await res.text()).toBe(201);
  const id = ((await res.json()) as { id: string }).id;
  await expect.poll(async () => ((await (await page.request.get(`/api/v1/clusters/${id}`)).json()) as { status: string }).status, { timeout: 60_000 }).toBe('ready');
  return id;
}

/** Opens a Service of the cluster from the Services list (search by name). */
async function openService(page: Page, name: string) {
  await page.goto(`/services?cluster=${clusterId}&q=${encodeURIComponent(name)}`);
  await page.getByRole('table', { name: 'Services' }).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  requireAdminCredentials();
  if (!kubeconfigPath || !fs.existsSync(kubeconfigPath)) throw new Error('Set DEMO_KUBECONFIG_PATH to the kubeconfig of a running simulator (course scenario)');
  const page = await browser.newPage();
  await signIn(page);
  clusterId = await registerCourseCluster(page);
  await page.close();
});

test.afterAll(async ({ browser }) => {
  if (!clusterId) return;
  const page = await browser.newPage();
  await signIn(page);
  await page.request.delete(`/api/v1/clusters/${clusterId}`, { headers: { 'X-CSRF-Token': await csrf(page) } });
  await page.close();
});

test('a Service leads to its Deployment page: container ports, selecting Services and Expose', async ({ page }) => {
  await signIn(page);

  // The course's NodePort Service for my-app; its Related list links the Deployment.
  await openService(page, 'my-app-nodeport');
  const related = page.getByRole('region', { name: 'Related' });
  await related.getByRole('list', { name: 'Selects workloads' }).getByRole('link', { name: 'my-app' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'my-app' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: /not found/i })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Deployment' })).toContainText('app=my-app');
  const ports = page.getByRole('table', { name: 'Container ports' });
  await expect(ports.getByRole('row').filter({ hasText: 'web' })).toContainText('8080');
  await expect(ports.getByRole('row').filter({ hasText: 'web' })).toContainText('TCP');
  const services = page.getByRole('table', { name: 'Services selecting this workload' });
  await expect(services.getByRole('link', { name: 'my-app-nodeport' })).toBeVisible();
  await expect(services.getByRole('link', { name: 'my-app-loadbalancer' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Related' }).getByRole('list', { name: 'Selected by Services' })).toContainText('my-app-nodeport');
  const expose = page.getByRole('link', { name: 'Expose' });
  // `object` lets the Expose form read the workload's container ports and selector.
  await expect(expose).toHaveAttribute('href', new RegExp(`^/clusters/${clusterId}/expose\\?namespace=default&kind=Deployment&name=my-app&object=[0-9a-f-]{36}$`));
  await screen(page, 'object-deployment-my-app');

  // Back from the Deployment to a Service through the Services table.
  await services.getByRole('link', { name: 'my-app-nodeport' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'my-app-nodeport' })).toBeVisible();
});

test('a Service lists the Ingress that routes to it; an Ingress links its TLS Secret with expiry; a bare Pod shows', async ({ page }) => {
  await signIn(page);

  await openService(page, 'kuard');
  const related = page.getByRole('region', { name: 'Related' });
  await expect(related.getByRole('list', { name: 'Selects workloads' }).getByRole('link', { name: 'kuard' })).toBeVisible();
  const routedFrom = related.getByRole('list', { name: 'Receives traffic from' });
  // The course's Ingress `kuard` (an HTTPRoute `kuard` and other specs' Ingresses route to the Service too).
  const ingressKuard = routedFrom
    .getByRole('listitem')
    .filter({ hasText: 'Ingress' })
    .filter({ has: page.getByRole('link', { name: 'kuard', exact: true }) });
  await expect(ingressKuard).toBeVisible();
  await screen(page, 'object-service-kuard');

  // The Ingress: its TLS entry links the Secret cert-manager filled, with days left.
  await ingressKuard.getByRole('link', { name: 'kuard', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'kuard' })).toBeVisible();
  const tls = page.getByTestId('ingress-tls');
  await expect(tls.getByRole('link', { name: 'quickstart-example-tls' })).toBeVisible();
  await expect(tls).toContainText(/\d+ d/);
  await expect(page.getByRole('region', { name: 'Related' }).getByRole('list', { name: 'TLS certificates' })).toContainText(/expires \d{4}-\d{2}-\d{2}/);
  await screen(page, 'object-ingress-kuard');

  // The course's bare Pod behind my-app-service: named from the endpoints, not "Nothing related found".
  await openService(page, 'my-app-service');
  const pods = page.getByRole('region', { name: 'Related' }).getByRole('list', { name: 'Pods behind the endpoints' });
  await expect(pods).toContainText('my-app');
  await expect(page.getByText('Nothing related found.')).toHaveCount(0);
  await screen(page, 'object-service-bare-pod');
});

test('a viewer sees the Deployment page without Expose', async ({ page, browser }) => {
  await signIn(page);
  const email = `viewer-${Date.now()}@objects.test`;
  const invited = await page.request.post('/api/v1/members', { headers: { 'X-CSRF-Token': await csrf(page) }, data: { email, role: 'viewer' } });
  expect(invited.status(), await invited.text()).toBe(201);
  const token = new URL(((await invited.json()) as { inviteUrl: string }).inviteUrl).hash.slice(1);
  const viewer = await browser.newPage();
  const password = 'viewer-Pass-1234!';
  const accepted = await viewer.request.post('/api/v1/invitations/accept', { data: { token, password, name: 'Viewer' } });
  expect(accepted.status(), await accepted.text()).toBe(200);

  // Accepting signs the viewer in, to the inviting organization.
  await openService(viewer, 'my-app-nodeport');
  await viewer.getByRole('region', { name: 'Related' }).getByRole('link', { name: 'my-app' }).click();
  await expect(viewer.getByRole('heading', { level: 1, name: 'my-app' })).toBeVisible();
  await expect(viewer.getByRole('table', { name: 'Container ports' })).toContainText('8080');
  await expect(viewer.getByRole('link', { name: 'Expose' })).toHaveCount(0);
  await viewer.close();
});
