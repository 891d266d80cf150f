import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { requireAdminCredentials, screen, signIn } from './helpers';

/**
 * Registering a cluster through the UI and following traffic through the inventory. Needs a
 * running Kubernetes simulator with the course scenario: DEMO_KUBECONFIG_PATH is its kubeconfig
 * (`npm run sim -- --port 6544 --scenario course --kubeconfig-out /tmp/sim.kubeconfig`).
 */
const kubeconfigPath = process.env.DEMO_KUBECONFIG_PATH ?? '';

test.beforeAll(() => {
  requireAdminCredentials();
  if (!kubeconfigPath || !fs.existsSync(kubeconfigPath)) throw new Error('Set DEMO_KUBECONFIG_PATH to the kubeconfig of a running simulator (course scenario)');
});

async function openRegisterForm(page: Page) {
  await page.goto('/clusters');
  await expect(page.getByRole('heading', { level: 1, name: 'Clusters' })).toBeVisible();
  const open = page.getByRole('button', { name: 'Register cluster' });
  // The form starts open when there is no cluster yet.
  if (!(await page.getByRole('heading', { name: 'Register a cluster' }).isVisible())) await open.click();
  await expect(page.getByRole('heading', { name: 'Register a cluster' })).toBeVisible();
}

test('an admin registers a cluster from a kubeconfig, watches it sync and follows an Ingress to its Service', async ({ page }) => {
  test.setTimeout(150_000);
  const name = `course-${Date.now()}`;
  await signIn(page, undefined, undefined, '/clusters');
  await openRegisterForm(page);
  await screen(page, 'clusters-register-form');

  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Upload a kubeconfig file').setInputFiles(kubeconfigPath);
  await expect(page.getByLabel('Kubeconfig', { exact: true })).toHaveValue(/kind: Config/);
  await page.getByRole('button', { name: 'Register cluster' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Cluster “${name}” registered` })).toBeVisible({ timeout: 30_000 });

  // Watch the sync: the page polls while the cluster is pending/syncing.
  const card = page.getByRole('article', { name });
  await expect(card).toBeVisible();
  const status = card.getByTestId('cluster-status');
  // The card follows the sync to ready; a finished sync shows a full bar and equal counts.
  await expect(status).toHaveText('ready', { timeout: 60_000 });
  const count = (await card.getByTestId('sync-count').textContent()) ?? '';
  const m = /(\d+) \/ (\d+) objects/.exec(count);
  expect(m, `sync count "${count}"`).not.toBeNull();
  expect(Number(m![2])).toBeGreaterThan(0);
  expect(Number(m![1])).toBe(Number(m![2]));
  const bar = card.getByRole('progressbar');
  await expect(bar).toHaveAttribute('aria-valuemax', m![2]);
  await expect(bar).toHaveAttribute('aria-valuenow', m![2]);
  await expect(card).toContainText('Initial sync complete');
  await expect(card).toContainText('Kubernetes');
  await screen(page, 'course-clusters');

  // Cluster detail page.
  await card.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Facts' })).toContainText('Ingress classes');
  await screen(page, 'course-cluster-detail');

  // Ingress & TLS, filtered to that cluster, found through the search box.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ingress & TLS' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ingress & TLS' })).toBeVisible();
  await page.getByLabel('Cluster', { exact: true }).selectOption({ label: name });
  await expect(page).toHaveURL(/[?&]cluster=[0-9a-f-]{36}/);
  await page.getByRole('searchbox', { name: 'Search' }).fill('ingress-wildcard-host');
  await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
  await expect(page).toHaveURL(/[?&]q=ingress-wildcard-host/);
  const table = page.getByRole('table', { name: 'Ingresses' });
  const row = table.getByRole('row').filter({ hasText: 'ingress-wildcard-host' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(name);
  await screen(page, 'course-ingresses');

  await row.getByRole('link', { name: 'ingress-wildcard-host' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'ingress-wildcard-host' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Rules' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'YAML' })).toContainText('kind: Ingress');
  await screen(page, 'course-object-ingress');

  await page
    .getByRole('table', { name: 'Rules' })
    .getByRole('link', { name: /^service1:/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'service1' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Ports' })).toBeVisible();
  await expect(page.getByTestId('dns-name')).toContainText(/service1\.[a-z0-9-]+\.svc\.cluster\.local/);
  await screen(page, 'course-object-service');

  // Services list, same cluster (back/forward keep the filters in the URL).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Services' }).click();
  await page.getByLabel('Cluster', { exact: true }).selectOption({ label: name });
  await expect(page).toHaveURL(/[?&]cluster=[0-9a-f-]{36}/);
  await expect(page.getByRole('button', { name: 'Apply' })).toBeEnabled();
  await expect(page.getByRole('table', { name: 'Services' }).getByRole('row').filter({ hasText: 'service1' }).first()).toBeVisible();
  await screen(page, 'course-services');
  await page.getByRole('link', { name: 'Sort by Name, descending' }).click();
  await expect(page).toHaveURL(/sort=-name/);
  await page.goBack();
  await expect(page).not.toHaveURL(/sort=/);
  await expect(page.getByLabel('Cluster', { exact: true })).toHaveValue(/[0-9a-f-]{36}/);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Gateway API' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Gateway API' })).toBeVisible();
  await screen(page, 'course-gateway-api');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Certificates' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Certificates' })).toBeVisible();
  await screen(page, 'course-certificates');

  // Clean up: delete the cluster (with its confirmation step).
  await page.goto('/clusters');
  await card.getByRole('button', { name: `Delete cluster ${name}` }).click();
  await card.getByRole('button', { name: `Confirm deleting cluster ${name}` }).click();
  await expect(page.getByRole('article', { name })).toHaveCount(0);
});

test('a bad kubeconfig is refused in plain words and registers nothing', async ({ page }) => {
  const name = `broken-${Date.now()}`;
  await signIn(page, undefined, undefined, '/clusters');
  await openRegisterForm(page);

  // Several contexts: the form offers a picker and insists on a choice.
  const twoContexts = fs
    .readFileSync(kubeconfigPath, 'utf8')
    .replace(/^contexts:\n/m, 'contexts:\n  - name: staging-admin\n    context:\n      cluster: kube-sim\n      user: kube-sim-admin\n')
    .replace(/^current-context:.*$/m, '');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Kubeconfig', { exact: true }).fill(twoContexts);
  const picker = page.getByLabel('Context', { exact: true });
  await expect(picker.locator('option', { hasText: 'staging-admin' })).toHaveCount(1);
  await expect(picker.locator('option', { hasText: 'kube-sim' })).toHaveCount(1);
  await page.getByRole('button', { name: 'Register cluster' }).click();
  await expect(page.getByText('This kubeconfig has several contexts: pick the one Portico should use.')).toBeVisible();
  await screen(page, 'clusters-register-contexts');

  // Not a kubeconfig at all: the reason sits next to the field.
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Kubeconfig', { exact: true }).fill('this is not a kubeconfig');
  await page.getByRole('button', { name: 'Register cluster' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was registered' })).toBeVisible();
  await expect(page.getByText(/This is not a kubeconfig/)).toBeVisible();

  // A kubeconfig whose server does not answer: the API's plain words at the top.
  const unreachable = fs.readFileSync(kubeconfigPath, 'utf8').replace(/server:\s*\S+/, 'server: https://127.0.0.1:1');
  await page.getByLabel('Kubeconfig', { exact: true }).fill(unreachable);
  await page.getByRole('button', { name: 'Register cluster' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /could not .*cluster/i })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('alert').filter({ hasText: '127.0.0.1:1' })).toBeVisible();
  await screen(page, 'clusters-register-error');

  await page.reload();
  await expect(page.getByRole('article', { name })).toHaveCount(0);
});
