import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { courseCluster, expectAccessible, requireAdminCredentials, screen, signIn } from './helpers';

/**
 * What a new user trips over on a first run (issue 14): not-found pages, the demo's data, the
 * Ingress class, and the small things in lists, filters, the audit log and the register form.
 * Needs the course simulator's kubeconfig in DEMO_KUBECONFIG_PATH (as clusters-and-inventory).
 */
test.beforeAll(() => {
  requireAdminCredentials();
  if (!fs.existsSync(process.env.DEMO_KUBECONFIG_PATH ?? '')) throw new Error('Set DEMO_KUBECONFIG_PATH to the kubeconfig of a running simulator (course scenario)');
});

/** The list row of `name` in the list at `path`, narrowed to one cluster and a search. */
async function listRow(page: Page, path: string, table: string, clusterId: string, name: string, namespace?: string) {
  await page.goto(`${path}?cluster=${clusterId}&q=${name}${namespace ? `&namespace=${namespace}` : ''}`);
  const row = page
    .getByRole('table', { name: table })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(row).toHaveCount(1);
  return row;
}

test('pages that do not exist answer 404 with one landmark and a title that says so', async ({ page, request }) => {
  // Signed out, an unknown address is the bare 404 page (its own <main>).
  const anonymous = await request.get('/no/such/page');
  expect(anonymous.status()).toBe(404);

  await signIn(page);
  for (const path of ['/objects/not-a-uuid', `/objects/${randomUUID()}`, '/clusters/xyz', `/clusters/${randomUUID()}`, '/no/such/page']) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('main'), path).toHaveCount(1);
    await expect(page, path).toHaveTitle(/not found/i);
    await expectAccessible(page);
  }
  await screen(page, 'not-found');
});

test('the demo shows the apiserver behind default/kubernetes, the course NodePort and LoadBalancer, and named ports', async ({ page }) => {
  await signIn(page);
  const cluster = await courseCluster(page);

  const kubernetes = await listRow(page, '/services', 'Services', cluster, 'kubernetes', 'default');
  await expect(kubernetes.locator('td[data-label="Endpoints"]')).toHaveText('1/1');
  await expect(kubernetes).not.toContainText('no endpoints');
  await expect(kubernetes.locator('td[data-label="Ports"]')).toHaveText('443→6443/TCP https');

  const nodePort = await listRow(page, '/services', 'Services', cluster, 'my-app-nodeport');
  await expect(nodePort.locator('td[data-label="Type / IP"]')).toContainText('NodePort');
  await expect(nodePort.locator('td[data-label="Ports"]')).toHaveText('80→8080/TCP :30007');
  await expect(nodePort.locator('td[data-label="Endpoints"]')).toHaveText('2/2');

  const loadBalancer = await listRow(page, '/services', 'Services', cluster, 'my-app-loadbalancer');
  await expect(loadBalancer.locator('td[data-label="Type / IP"]')).toContainText('LoadBalancer');
  await expect(loadBalancer.locator('td[data-label="External"]')).toHaveText(/^172\.18\.255\.\d+$/);

  const dns = await listRow(page, '/services', 'Services', cluster, 'kube-dns');
  await expect(dns.locator('td[data-label="Ports"] li')).toHaveText(['53/UDP dns', '53/TCP dns-tcp', '9153/TCP metrics']);
  await expectAccessible(page);
});

test('an Ingress names its class the same way in the list and on its page, the cluster default included', async ({ page }) => {
  await signIn(page);
  const cluster = await courseCluster(page);

  // No class of its own: the cluster's default IngressClass (nginx), said to be the default.
  const wildcard = await listRow(page, '/ingresses', 'Ingresses', cluster, 'ingress-wildcard-host');
  await expect(wildcard.getByTestId('ingress-class')).toHaveText('nginx(cluster default)');
  // Its own class (the legacy annotation): just the name.
  const kuard = await listRow(page, '/ingresses', 'Ingresses', cluster, 'kuard');
  await expect(kuard.getByTestId('ingress-class')).toHaveText('nginx');
  await expectAccessible(page);

  await page.goto(`/ingresses?cluster=${cluster}&q=ingress-wildcard-host`);
  await page.getByRole('link', { name: 'ingress-wildcard-host', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ingress-wildcard-host' })).toBeVisible();
  await expect(page.getByTestId('ingress-class')).toHaveText('nginx(cluster default)');
});

test('DNS names break only between labels, and the Ingress filter bar keeps Apply on its row at 1440 px', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page);
  const cluster = await courseCluster(page);

  // Every filter of the widest bar set, so "Clear filters" is there too.
  await page.goto(`/ingresses?cluster=${cluster}&namespace=demo&class=nginx&host=domain1.bar.com&label=app%3Dx&q=x`);
  // Measured once the bar is on screen (boundingBox does not wait for visibility: null while the page streams in).
  await expect(page.getByRole('link', { name: 'Clear filters' })).toBeVisible();
  await expect(page.getByLabel('Cluster', { exact: true })).toBeVisible();
  const cluster_ = await page.getByLabel('Cluster', { exact: true }).boundingBox();
  const apply = await page.getByRole('button', { name: 'Apply' }).boundingBox();
  expect(apply!.height).toBeLessThan(40);
  expect(Math.abs(apply!.y + apply!.height - (cluster_!.y + cluster_!.height))).toBeLessThan(4);

  // Narrow enough that the table squeezes DNS names to wrap: each label (`kube-system`) stays whole.
  await page.setViewportSize({ width: 900, height: 900 });
  await page.goto(`/services?cluster=${cluster}&q=kube-dns`);
  const dnsCell = page.locator('td[data-label="DNS name"]').first();
  await expect(dnsCell).toContainText('kube-dns.kube-system.svc.cluster.local');
  const split = await dnsCell.evaluate((td) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(n);
      // A label broken across lines has one rect per line.
      const lines = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
      if (lines.size > 1) out.push(n.textContent ?? '');
    }
    return out;
  });
  expect(split).toEqual([]);
  // It did wrap (between labels), so the check above had something to check.
  expect((await dnsCell.locator('span.font-mono').boundingBox())!.height).toBeGreaterThan(20);
});

test('the audit log shows times to the second, with the full timestamp on hover', async ({ page }) => {
  await signIn(page);
  await page.goto('/settings/audit');
  const time = page.getByRole('table', { name: 'Audit events' }).locator('time').first();
  await expect(time).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
  const iso = await time.getAttribute('datetime');
  expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  await expect(time).toHaveAttribute('title', iso!);
  expect((await time.textContent())?.slice(0, 19)).toBe(iso!.slice(0, 19).replace('T', ' '));
  await expectAccessible(page);
});

test('the register form flags every wrong field of a submit, not only the first', async ({ page }) => {
  await signIn(page, undefined, undefined, '/clusters');
  if (!(await page.getByRole('heading', { name: 'Register a cluster' }).isVisible())) await page.getByRole('button', { name: 'Register cluster' }).click();
  const name = page.getByLabel('Name', { exact: true });
  const kubeconfig = page.getByLabel('Kubeconfig', { exact: true });
  const register = page.getByRole('button', { name: 'Register cluster' });

  // A wrong name and a file that is no kubeconfig: both marked by one submit.
  await name.fill('Bad Name');
  await kubeconfig.fill('hello');
  await register.click();
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was registered: fix the fields marked below.' })).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(kubeconfig).toHaveAttribute('aria-invalid', 'true');

  // A kubeconfig only the API can judge (no contexts): the API marks it. Breaking the name again
  // keeps that mark, since the kubeconfig was not touched: still every wrong field.
  await name.fill('good-name');
  await kubeconfig.fill('apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
  await register.click();
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was registered' })).toBeVisible();
  await expect(kubeconfig).toHaveAttribute('aria-invalid', 'true');
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');
  await name.fill('Bad Name');
  await register.click();
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was registered: fix the fields marked below.' })).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(kubeconfig).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});
