import { expect, test } from '@playwright/test';
import { expectAccessible, screen, signIn, signInToCourseCluster, uniqueName } from './helpers';

/**
 * Ingress & TLS in the browser (issue 10): a TLS Ingress for the course's kuard Service with
 * the letsencrypt-prod Issuer — validated as you type, previewed (diff, kubectl, no warning),
 * submitted, followed to applied, its Certificate followed to Ready, the host's view, then found
 * under Certificates; and the form's warnings on a conflicting Ingress. Needs DEMO_KUBECONFIG_PATH.
 */
let clusterId = '';

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  clusterId = await signInToCourseCluster(browser);
});

test('create a TLS Ingress for kuard with the letsencrypt-prod issuer; the certificate becomes Ready and is listed under Certificates', async ({ page }) => {
  test.setTimeout(120_000);
  const name = uniqueName('kuard-tls');
  const host = `${name}.example.com`;
  await signIn(page);
  await page.goto(`/ingresses?cluster=${clusterId}`);
  await page.getByRole('link', { name: 'New Ingress' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New Ingress' })).toBeVisible();
  await page.getByLabel('Namespace').fill('demo');
  await page.getByLabel('Name', { exact: true }).fill(name);
  // The picker lists the cluster's classes, the default marked.
  await expect(page.getByLabel('Ingress class').locator('option', { hasText: 'nginx — k8s.io/ingress-nginx (default)' })).toHaveCount(1);
  await page.getByLabel('Ingress class').selectOption('nginx');

  // Validates as you type with the shared contract: an IP is not a host.
  const rule = page.getByTestId('rule-0');
  const hostInput = rule.getByLabel(/^Host/);
  await hostInput.fill('10.0.0.1');
  await hostInput.blur();
  await expect(page.locator('#f-change-rules-0-host-error')).toContainText('must be a DNS name, not an IP address');
  await hostInput.fill(host);
  await expect(page.locator('#f-change-rules-0-host-error')).toHaveCount(0);
  const path = page.getByTestId('rule-0-path-0');
  await path.getByLabel('Service').fill('kuard');
  await expect(path.getByText('Ports: 80')).toBeVisible();
  await path.getByLabel('Port').fill('80');

  // TLS from cert-manager: the issuer picker shows each issuer's Ready state; the TLS entry is filled from the rules.
  await page.getByRole('radio', { name: 'Certificate from cert-manager' }).check();
  const issuer = page.getByLabel('Issuer', { exact: true });
  await expect(issuer.locator('option', { hasText: 'Issuer letsencrypt-prod — Ready' })).toHaveCount(1);
  await issuer.selectOption('Issuer/letsencrypt-prod');
  await expect(page.getByTestId('tls-0').getByLabel('Hosts')).toHaveValue(host);
  await expect(page.getByTestId('tls-0').getByLabel('Secret')).toHaveValue(`${name}-tls`);

  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const preview = page.getByTestId('change-preview');
  await expect(preview.getByTestId('kubectl')).toContainText('kubectl apply --server-side --field-manager=portico -n demo -f portico-change.yaml');
  await expect(preview.getByTestId('diff').locator('[data-diff="add"]').filter({ hasText: 'cert-manager.io/issuer: letsencrypt-prod' })).toBeVisible();
  await expect(
    preview
      .getByTestId('diff')
      .locator('[data-diff="add"]')
      .filter({ hasText: `secretName: ${name}-tls` }),
  ).toBeVisible();
  await expect(page.getByTestId('field-warning')).toHaveCount(0);
  await screen(page, 'ingress-editor-preview');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Submit change' }).click();
  await expect(page.getByTestId('change-progress').getByTestId('change-state')).toHaveAttribute('data-state', 'applied', { timeout: 30_000 });
  const certificates = page.getByTestId('change-certificates');
  await expect(certificates.getByText(`${name}-tls`)).toBeVisible({ timeout: 30_000 });
  await expect(certificates.getByText('Ready', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(certificates).toContainText(`SANs ${host}; expires`);
  await screen(page, 'ingress-editor-applied');
  await expectAccessible(page);

  // The host's view: this Ingress serves it, with the certificate that covers it.
  await certificates.getByRole('link', { name: host }).click();
  await expect(page.getByRole('heading', { level: 1, name: host })).toBeVisible();
  const row = page.getByTestId('host-route').filter({ hasText: `Ingress demo/${name}` });
  await expect(row).toContainText(`Secret demo/${name}-tls`);
  await expect(row).toContainText('covers it');
  await screen(page, 'ingress-editor-host');
  await expectAccessible(page);

  // Listed under Certificates (the fleet page: its rows name the Secret).
  await page.goto(`/certificates?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole('main').getByRole('link', { name: `${name}-tls` })).toBeVisible({ timeout: 30_000 });
  await screen(page, 'ingress-editor-certificates');
});

test('the preview warns about a host and path another Ingress serves and a missing backend, on their inputs; edit opens the form', async ({ page }) => {
  await signIn(page);
  await page.goto(`/clusters/${clusterId}/ingresses/new?namespace=demo`);
  await page.getByLabel('Name', { exact: true }).fill(uniqueName('probe'));
  const rule = page.getByTestId('rule-0');
  await rule.getByLabel(/^Host/).fill('domain1.bar.com');
  const path = page.getByTestId('rule-0-path-0');
  await path.getByLabel('Path', { exact: true }).fill('/bar');
  await path.getByLabel('Service').fill('nope');
  await path.getByLabel('Port').fill('80');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.locator('#f-change-rules-0-paths-0-path-warning')).toContainText('already served by Ingress demo/ingress-wildcard-host');
  await expect(page.locator('#f-change-rules-0-paths-0-backend-service-warning')).toContainText('no Service nope in namespace demo');
  await screen(page, 'ingress-editor-warnings');
  await expectAccessible(page);

  // The course's kuard Ingress opens in the same form, its issuer annotation as the issuer choice.
  await page.goto(`/ingresses?cluster=${clusterId}&q=kuard`);
  await page.getByRole('table', { name: 'Ingresses' }).getByRole('link', { name: 'kuard', exact: true }).click();
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit kuard' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Certificate from cert-manager' })).toBeChecked();
  await expect(page.getByLabel('Issuer', { exact: true })).toHaveValue('Issuer/letsencrypt-prod');
  await expect(page.getByTestId('rule-0').getByLabel(/^Host/)).toHaveValue('example.example.com');
  await screen(page, 'ingress-editor-edit');
  await expectAccessible(page);
});
