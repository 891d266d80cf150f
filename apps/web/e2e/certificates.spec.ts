import { expect, test } from '@playwright/test';
import { courseCluster, expectAccessible, requireAdminCredentials, screen, signIn } from './helpers';

/**
 * The fleet's certificates (issue 11) in Chromium: the course's quickstart-example-tls with its
 * days left, the demo's certificates in their states, the chart, filters, and a certificate's page.
 */
test.beforeEach(() => requireAdminCredentials());

test('the Certificates page lists the course certificates by days left, in their states', async ({ page }) => {
  await signIn(page);
  const cluster = await courseCluster(page);
  await expect
    .poll(async () => ((await (await page.request.get(`/api/v1/certificates?cluster=${cluster}&q=quickstart`)).json()) as { items: unknown[] }).items.length, {
      message: 'the worker tracks the course certificates',
      timeout: 30_000,
    })
    .toBeGreaterThan(0);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Certificates', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Certificates' })).toBeVisible();
  await page.getByLabel('Cluster', { exact: true }).selectOption(cluster);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`cluster=${cluster}`));

  const table = page.getByRole('table', { name: 'Certificates' });
  const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(row('quickstart-example-tls').locator('td[data-label="Days left"]')).toHaveText(/^\d+ d$/);
  await expect(row('quickstart-example-tls').locator('td[data-label="States"]')).toHaveText('OK');
  // The demo's certificates, in words.
  await expect(row('checkout-tls').locator('td[data-label="States"]')).toContainText('Expiring');
  await expect(row('legacy-billing-tls').locator('td[data-label="States"]')).toContainText('Expired');
  await expect(row('api-tls').locator('td[data-label="States"]')).toContainText('Renewal overdue');
  await expect(row('api-tls').locator('td[data-label="States"]')).toContainText('Issuer not ready');
  // Soonest first: the expired certificate comes before the fresh one.
  const names = await table.locator('tbody tr td:first-child a').allTextContents();
  expect(names.indexOf('legacy-billing-tls')).toBeLessThan(names.indexOf('quickstart-example-tls'));
  await expect(page.getByRole('figure', { name: /expire in the next 90 days/ })).toBeVisible();
  await screen(page, 'certificates-fleet');
  await expectAccessible(page);

  // Sorting by days left the other way, then a state filter.
  await page.getByRole('link', { name: 'Sort by Days left, descending' }).click();
  await expect(page).toHaveURL(/sort=-daysLeft/);
  await page.getByLabel('State', { exact: true }).selectOption('renewal-overdue');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(row('api-tls')).toBeVisible();
  await expect(row('quickstart-example-tls')).toHaveCount(0);
});

test("a certificate's page shows its chain, names, where it is used and cert-manager's status", async ({ page }) => {
  await signIn(page);
  const cluster = await courseCluster(page);
  await page.goto(`/certificates?cluster=${cluster}&q=quickstart-example-tls`);
  await page.getByRole('link', { name: 'quickstart-example-tls', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'quickstart-example-tls' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Names' })).toContainText('example.example.com');
  await expect(page.getByRole('list', { name: 'Certificate chain' }).getByRole('listitem').first()).toContainText('Leaf');
  await expect(page.getByRole('region', { name: 'cert-manager' })).toContainText('Ready');
  const used = page.getByRole('region', { name: 'Where it is used' });
  await expect(used.getByRole('link')).toHaveText(/^demo\//);
  await screen(page, 'certificate-detail');
  await expectAccessible(page);
  await used.getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/objects\//);

  // A stuck one explains itself.
  await page.goto(`/certificates?cluster=${cluster}&q=api-tls`);
  await page.getByRole('link', { name: 'api-tls', exact: true }).click();
  const wrong = page.getByRole('region', { name: 'What is wrong' });
  await expect(wrong).toContainText('should have renewed it');
  await expect(wrong).toContainText('is not Ready');
});
