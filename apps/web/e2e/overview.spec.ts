import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { courseCluster, expectAccessible, requireAdminCredentials, screen, signIn } from './helpers';

/**
 * The overview (issue 14): the landing page shows the course cluster's counts and problems,
 * ranked, each a link; the header search finds objects by host and by IP and jumps to them
 * with the keyboard or the mouse; axe finds nothing, at desktop and at phone width.
 * Needs the course simulator's kubeconfig in DEMO_KUBECONFIG_PATH (as clusters-and-inventory).
 */
test.beforeAll(() => {
  requireAdminCredentials();
  if (!fs.existsSync(process.env.DEMO_KUBECONFIG_PATH ?? '')) throw new Error('Set DEMO_KUBECONFIG_PATH to the kubeconfig of a running simulator (course scenario)');
});

const PHONE = { width: 390, height: 844 };

async function openOverview(page: Page) {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
}

test('the overview shows the course’s counts and problems, each a link, most impact first', async ({ page }) => {
  await signIn(page);
  const cluster = await courseCluster(page);
  const api = (await (await page.request.get(`/api/v1/overview?cluster=${cluster}`)).json()) as { services: { byType: Record<string, number> }; ingresses: number };
  await openOverview(page);

  // The course's expired certificate (the payments team's legacy billing) is listed, with what is wrong in words.
  const problems = page.getByRole('list', { name: 'Problems, most impact first' });
  const expired = problems.getByRole('listitem').filter({ hasText: 'payments/legacy-billing-tls' });
  await expect(expired.first()).toContainText('Certificate expired');
  await expect(expired.first()).toContainText(/Expired \d+ days? ago\./);
  await expect(problems.getByRole('listitem').filter({ hasText: 'shop/checkout-tls' }).first()).toContainText('Certificate expiring');

  // Counts, by Service type: the course's NodePort and LoadBalancer examples.
  const counts = page.getByRole('region', { name: 'What there is' });
  await expect(counts.getByRole('link', { name: /NodePort/ })).toContainText(String(api.services.byType.NodePort));
  await expect(counts.getByRole('link', { name: /LoadBalancer/ })).toContainText(String(api.services.byType.LoadBalancer));
  await expect(counts.getByRole('link', { name: /Ingresses/ })).toContainText(String(api.ingresses));
  await expectAccessible(page);
  await screen(page, 'overview-desktop');

  await expired
    .first()
    .getByRole('link', { name: /legacy-billing-tls/ })
    .click();
  await expect(page).toHaveURL(/\/certificates\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('legacy-billing-tls');

  // The cluster page has its own section.
  await page.goto(`/clusters/${cluster}`);
  await expect(page.getByRole('list', { name: 'Problems, most impact first' }).getByText('payments/legacy-billing-tls').first()).toBeVisible();
});

test('header search finds an Ingress by host (keyboard) and a Service by IP (mouse), and jumps to them', async ({ page }) => {
  await signIn(page);
  const cluster = await courseCluster(page);
  await openOverview(page);
  const box = page.getByRole('combobox', { name: 'Search all clusters' });

  await box.fill('domain1.bar');
  const results = page.getByRole('listbox', { name: 'Search results' });
  const ingress = results.getByRole('group', { name: 'Ingresses' }).getByRole('option', { name: /ingress-wildcard-host/ });
  await expect(ingress).toBeVisible();
  await expect(ingress).toContainText('host domain1.bar.com');
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await expectAccessible(page);
  await screen(page, 'overview-search');
  await box.press('ArrowDown');
  await expect(box).toHaveAttribute('aria-activedescendant', (await results.getByRole('option').first().getAttribute('id'))!);
  await expect(results.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/objects\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('ingress-wildcard-host');

  const services = (await (await page.request.get(`/api/v1/inventory/services?cluster=${cluster}&q=my-app-nodeport`)).json()) as { items: Array<{ id: string; clusterIP: string }> };
  const { id, clusterIP } = services.items[0];
  await box.fill(clusterIP);
  const service = results.getByRole('group', { name: 'Services' }).getByRole('option', { name: /my-app-nodeport/ });
  await expect(service).toContainText(`address ${clusterIP}`);
  await service.click();
  await expect(page).toHaveURL(new RegExp(`/objects/${id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('my-app-nodeport');

  // Escape closes the list, then clears the box.
  await box.fill('my-app');
  await expect(results.getByRole('option').first()).toBeVisible();
  await box.press('Escape');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await box.press('Escape');
  await expect(box).toHaveValue('');
});

test('the overview at phone width: no sideways scrolling, axe clean', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page);
  await courseCluster(page);
  await openOverview(page);
  await expect(page.getByRole('list', { name: 'Problems, most impact first' }).getByText('payments/legacy-billing-tls').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await expectAccessible(page);
  await screen(page, 'overview-phone');

  // Search is a button on phones; it opens the box as a bar under the header.
  const box = page.getByRole('combobox', { name: 'Search all clusters' });
  await expect(box).toBeHidden();
  const open = page.getByRole('button', { name: 'Search', exact: true });
  await open.click();
  await expect(open).toHaveAttribute('aria-expanded', 'true');
  await expect(box).toBeFocused();
  await box.fill('my-app-node');
  await expect(page.getByRole('option', { name: /my-app-nodeport/ })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await expectAccessible(page);
  await screen(page, 'overview-phone-search');
});
