import { expect, test } from '@playwright/test';
import { expectAccessible, screen, signIn, signInToCourseCluster, uniqueName } from './helpers';

/**
 * The Gateway API editors in the browser (issue 10): an HTTPRoute to the course's kuard with a
 * 90/10 canary split (the split control), previewed, submitted, followed to applied and then to
 * "Accepted by Gateway demo/web"; its object page says so; it opens in the same form; the
 * Gateway's listener form. Needs DEMO_KUBECONFIG_PATH.
 */
let clusterId = '';

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  clusterId = await signInToCourseCluster(browser);
});

test('create an HTTPRoute with a 90/10 weighted split and see it Accepted', async ({ page }) => {
  test.setTimeout(120_000);
  const name = uniqueName('kuard-canary');
  await signIn(page);
  await page.goto(`/gateway-api?tab=httproutes&cluster=${clusterId}`);
  await page.getByRole('link', { name: 'New HTTPRoute' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New HTTPRoute' })).toBeVisible();
  await page.getByLabel('Namespace', { exact: true }).fill('demo');
  await page.getByLabel('Name', { exact: true }).fill(name);

  // Validates as you type with the shared contract: the CRD's hostname pattern.
  const hostnames = page.getByLabel(/^Hostnames/);
  await hostnames.fill('a.*.example.com');
  await hostnames.blur();
  await expect(page.locator('#f-change-hostnames-error')).toContainText('should match');
  await hostnames.fill(`${name}.example.com`);
  await expect(page.locator('#f-change-hostnames-error')).toHaveCount(0);

  // The parent: the course's Gateway and its listener, from the synced copy.
  const parent = page.getByTestId('parent-0');
  await parent.getByLabel('Gateway').selectOption('web');
  await parent.getByLabel(/^Listener/).selectOption('http');

  // Two backends and the split control: 90% kuard, 10% canary.
  const rule = page.getByTestId('route-rule-0');
  const first = page.getByTestId('route-rule-0-backend-0');
  await first.getByLabel('Service').fill('kuard');
  await expect(first.getByText('Ports: 80')).toBeVisible();
  await first.getByLabel('Port').fill('80');
  await rule.getByRole('button', { name: 'Add a backend' }).click();
  const second = page.getByTestId('route-rule-0-backend-1');
  await second.getByLabel('Service').fill('kuard');
  await second.getByLabel('Port').fill('80');
  await second.getByLabel(/^Namespace/).fill('demo');
  await rule.getByLabel(/^Traffic split/).fill('10');
  await expect(rule.getByText('Traffic split: 90% kuard / 10% kuard')).toBeVisible();
  await expect(first.getByLabel(/^Weight/)).toHaveValue('90');
  await expect(second.getByLabel(/^Weight/)).toHaveValue('10');

  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const preview = page.getByTestId('change-preview');
  await expect(preview.getByTestId('kubectl')).toContainText('kubectl apply --server-side --field-manager=portico -n demo -f portico-change.yaml');
  await expect(preview.getByTestId('diff').locator('[data-diff="add"]').filter({ hasText: 'weight: 90' })).toBeVisible();
  await expect(preview.getByTestId('diff').locator('[data-diff="add"]').filter({ hasText: 'weight: 10' })).toBeVisible();
  await expect(page.getByTestId('field-warning')).toHaveCount(0);
  await screen(page, 'httproute-preview');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Submit change' }).click();
  await expect(page.getByTestId('change-progress').getByTestId('change-state')).toHaveAttribute('data-state', 'applied', { timeout: 30_000 });
  await expect(page.getByTestId('route-status')).toContainText('Accepted by Gateway demo/web, listener http', { timeout: 30_000 });
  await expect(page.getByTestId('route-status').getByText('Accepted', { exact: true })).toBeVisible();
  await screen(page, 'httproute-accepted');
  await expectAccessible(page);

  // The route's page says the same, and Edit opens the form with the split.
  await page.goto(`/gateway-api?tab=httproutes&cluster=${clusterId}&q=${name}`);
  await page.getByRole('table', { name: 'HTTPRoutes' }).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('region', { name: 'Status per Gateway' })).toContainText('Accepted by Gateway demo/web, listener http');
  await screen(page, 'httproute-object-page');
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Edit ${name}` })).toBeVisible();
  await expect(page.getByTestId('route-rule-0').getByText('Traffic split: 90% kuard / 10% kuard')).toBeVisible();
});

test('the preview warns on a hostname no listener matches and a missing Service, offers the ReferenceGrant a cross-namespace backend needs; the Gateway opens in the listener form', async ({
  page,
}) => {
  await signIn(page);
  await page.goto(`/clusters/${clusterId}/httproutes/new?namespace=demo`);
  await page.getByLabel('Name', { exact: true }).fill(uniqueName('probe'));
  await page.getByLabel(/^Hostnames/).fill('shop.example.org');
  await page.getByTestId('parent-0').getByLabel('Gateway').selectOption('web');
  const backend = page.getByTestId('route-rule-0-backend-0');
  await backend.getByLabel('Service').fill('nope');
  await backend.getByLabel('Port').fill('80');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.locator('#f-change-hostnames-warning')).toContainText('no listener hostname of Gateway demo/web matches shop.example.org');
  await expect(page.locator('#f-change-rules-0-backendRefs-0-name-warning')).toContainText('there is no Service demo/nope');
  await screen(page, 'httproute-warnings');
  await expectAccessible(page);

  // A backend in another namespace: the preview offers the ReferenceGrant, previewed and submitted on its own.
  const ghost = uniqueName('ghost');
  await page.goto(`/clusters/${clusterId}/httproutes/new?namespace=default`);
  await page.getByLabel('Name', { exact: true }).fill(uniqueName('cross'));
  await page.getByTestId('parent-0').getByLabel('Gateway').selectOption('demo/web');
  const cross = page.getByTestId('route-rule-0-backend-0');
  await cross.getByLabel('Service').fill(ghost);
  await cross.getByLabel('Port').fill('80');
  await cross.getByLabel(/^Namespace/).fill('demo');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.locator('#f-change-rules-0-backendRefs-0-namespace-warning')).toContainText('no ReferenceGrant in namespace demo');
  const companions = page.getByTestId('companions');
  await expect(companions).toContainText(`ReferenceGrant demo/httproutes-from-default-to-${ghost}: lets HTTPRoutes of namespace default refer to Service ${ghost} in namespace demo.`);
  await companions.getByRole('button', { name: 'Preview', exact: true }).click();
  await companions.getByRole('button', { name: 'Submit the ReferenceGrant' }).click();
  await expect(companions.getByTestId('change-state')).toHaveAttribute('data-state', 'applied', { timeout: 30_000 });
  await screen(page, 'httproute-reference-grant');
  await expectAccessible(page);

  // Once synced, the grant has a row in the Gateway API page's tab and a page, linked from its change.
  const grant = `httproutes-from-default-to-${ghost}`;
  await companions.getByRole('link', { name: `Open ReferenceGrant ${grant}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: grant })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Lets others refer to' })).toContainText(ghost);
  await page.goto(`/gateway-api?tab=referencegrants&cluster=${clusterId}&q=${ghost}`);
  const row = page.getByRole('table', { name: 'ReferenceGrants' }).getByRole('row', { name: new RegExp(grant) });
  await expect(row).toContainText('HTTPRoute/default');
  await expect(row).toContainText(`Service/${ghost}`);

  await page.goto(`/gateway-api?tab=gateways&cluster=${clusterId}&q=web`);
  await page.getByRole('table', { name: 'Gateways' }).getByRole('link', { name: 'web', exact: true }).click();
  await page.getByRole('link', { name: 'Edit listeners' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Listeners of web' })).toBeVisible();
  const listener = page.getByTestId('listener-0');
  await expect(listener.getByLabel('Name', { exact: true })).toHaveValue('http');
  await expect(listener.getByLabel(/^Hostname/)).toHaveValue('*.example.com');
  await page.getByRole('button', { name: 'Add a listener' }).click();
  const https = page.getByTestId('listener-1');
  await https.getByLabel('Name', { exact: true }).fill('https');
  await https.getByLabel('Protocol').selectOption('HTTPS');
  await https.getByLabel(/^Hostname/).fill('kuard.example.com');
  await https.getByLabel('TLS Secret').fill('kuard-gateway-tls');
  await page.getByLabel(/^TLS from cert-manager/).selectOption('Issuer/letsencrypt-prod');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByTestId('change-preview').getByTestId('diff').locator('[data-diff="add"]').filter({ hasText: 'cert-manager.io/issuer: letsencrypt-prod' })).toBeVisible();
  await screen(page, 'gateway-listeners-preview');
  await expectAccessible(page);
});
