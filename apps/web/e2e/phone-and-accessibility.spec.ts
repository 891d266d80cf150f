import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { admin, courseCluster, expectAccessible, requireAdminCredentials, screen, signIn, signOut } from './helpers';

/**
 * Every page through axe (WCAG 2.1 AA, zero violations), and the product at phone width
 * (390 px): a menu button for the navigation, and lists as cards with no sideways scrolling.
 * Needs the course simulator's kubeconfig in DEMO_KUBECONFIG_PATH (as clusters-and-inventory).
 */
test.beforeAll(() => {
  requireAdminCredentials();
  if (!fs.existsSync(process.env.DEMO_KUBECONFIG_PATH ?? '')) throw new Error('Set DEMO_KUBECONFIG_PATH to the kubeconfig of a running simulator (course scenario)');
});

const PHONE = { width: 390, height: 844 };

/** The id of the first item a list of the API answers for `query`. */
async function firstId(page: Page, list: string, query: string): Promise<string> {
  const body = (await (await page.request.get(`/api/v1/inventory/${list}?${query}`)).json()) as { items: Array<{ id: string }> };
  expect(body.items.length, `${list}?${query}`).toBeGreaterThan(0);
  return body.items[0].id;
}

/** The signed-in pages, with the course cluster's objects of each kind Portico shows. */
async function signedInPages(page: Page, cluster: string): Promise<string[]> {
  const objects = await Promise.all([
    firstId(page, 'services', `cluster=${cluster}&namespace=default&q=kubernetes`),
    firstId(page, 'services', `cluster=${cluster}&q=my-app-nodeport`),
    firstId(page, 'services', `cluster=${cluster}&q=my-app-loadbalancer`),
    firstId(page, 'ingresses', `cluster=${cluster}&q=ingress-wildcard-host`),
    firstId(page, 'ingresses', `cluster=${cluster}&q=kuard`),
    firstId(page, 'tls-secrets', `cluster=${cluster}`),
  ]);
  // A workload page, reached as people do: from the Service that selects it.
  const nodePort = (await (await page.request.get(`/api/v1/inventory/objects/${objects[1]}`)).json()) as { related: Array<{ kind: string; id: string | null }> };
  const deployment = nodePort.related.find((r) => r.kind === 'Deployment' && r.id)?.id;
  expect(deployment, 'the Deployment behind my-app-nodeport').toBeTruthy();
  return [
    '/clusters',
    `/clusters/${cluster}`,
    '/services',
    '/ingresses',
    '/gateway-api?tab=gateways',
    '/gateway-api?tab=httproutes',
    '/gateway-api?tab=gatewayclasses',
    '/gateway-api?tab=referencegrants',
    '/certificates',
    '/tls-secrets',
    '/changes',
    '/settings',
    '/settings/users',
    '/settings/audit',
    '/account',
    ...[...objects, deployment].map((id) => `/objects/${id}`),
  ];
}

test('every signed-in page has no WCAG 2.1 AA violation, at desktop and phone width', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page);
  const pages = await signedInPages(page, await courseCluster(page));
  for (const viewport of [{ width: 1366, height: 900 }, PHONE]) {
    await page.setViewportSize(viewport);
    for (const path of pages) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      await expectAccessible(page);
    }
  }
});

test('the login and invitation pages have no WCAG 2.1 AA violation', async ({ page }) => {
  await signIn(page);
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
  const invited = await page.request.post('/api/v1/members', { data: { email: `axe-${Date.now()}@e2e.test`, role: 'viewer' }, headers: { 'x-csrf-token': me.csrfToken } });
  expect(invited.status()).toBe(201);
  const { inviteUrl } = (await invited.json()) as { inviteUrl: string };
  await signOut(page);

  await page.goto('/login');
  await expectAccessible(page);
  // A refused sign-in (its error message) too.
  await page.getByLabel('E-mail').fill(admin.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Next's route announcer is an (empty) alert too: the refusal is the one that says so.
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong e-mail or password' })).toBeVisible();
  await expectAccessible(page);

  await page.goto(`/invite${new URL(inviteUrl).hash}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Join an organization on Portico' })).toBeVisible();
  await expect(page).toHaveURL(/\/invite$/);
  await expectAccessible(page);
  await page.goto('/invite');
  await expectAccessible(page);
});

test('at phone width a menu button opens the navigation, and Escape or a pick closes it', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page);
  await page.goto('/clusters');
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();

  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(nav).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Overview' })).toBeFocused(); // the first link
  await expectAccessible(page);
  await screen(page, 'phone-menu');
  await page.keyboard.press('Escape');
  await expect(nav).toBeHidden();
  await expect(menu).toBeFocused();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');

  // From the keyboard: open, pick a page, and the menu is closed on it.
  await page.keyboard.press('Enter');
  await expect(nav).toBeVisible();
  await nav.getByRole('link', { name: 'Services' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
  await expect(nav).toBeHidden();

  // From md up the sidebar is always there and the button is not.
  await page.setViewportSize({ width: 1024, height: 800 });
  await expect(nav).toBeVisible();
  await expect(menu).toBeHidden();
});

test('at phone width the main lists are cards with their key columns on screen, and the page never scrolls sideways', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page);
  const cluster = await courseCluster(page);
  const lists: Array<[string, string, string, string[]]> = [
    [`/services?cluster=${cluster}&namespace=default`, 'Services', 'kubernetes', ['Ports', 'Endpoints', 'DNS name']],
    [`/ingresses?cluster=${cluster}`, 'Ingresses', 'kuard', ['Hosts', 'Paths → backends', 'TLS']],
    [`/tls-secrets?cluster=${cluster}`, 'TLS Secrets', '', ['Subject / DNS names', 'Days left']],
    [`/certificates?cluster=${cluster}`, 'Certificates', 'quickstart-example-tls', ['Days left', 'States', 'Where']],
    [`/gateway-api?tab=gateways&cluster=${cluster}`, '', '', []],
    [`/gateway-api?tab=httproutes&cluster=${cluster}`, '', '', []],
  ];
  for (const [path, table, name, columns] of lists) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} scrolls sideways`).toBeLessThanOrEqual(PHONE.width);
    if (!table) continue;
    const row =
      table && name
        ? page
            .getByRole('table', { name: table })
            .getByRole('row')
            .filter({ has: page.getByRole('link', { name, exact: true }) })
        : page.getByRole('table', { name: table }).getByRole('row').nth(1);
    for (const column of columns) {
      const cell = row.locator(`td[data-label="${column}"]`);
      await expect(cell, `${path}: ${column}`).toBeVisible();
      const box = (await cell.boundingBox())!;
      expect(box.x, `${path}: ${column}`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${path}: ${column} is on screen`).toBeLessThanOrEqual(PHONE.width);
    }
    await screen(page, `phone-${table.toLowerCase()}`);
  }
  // The headers are out of sight on cards, but their sort links show once the keyboard reaches them.
  await page.goto(`/services?cluster=${cluster}`);
  const head = page.getByRole('table', { name: 'Services' }).locator('thead');
  expect((await head.boundingBox())!.height).toBeLessThanOrEqual(1);
  await page.getByRole('link', { name: 'Sort by Namespace' }).focus();
  await expect.poll(async () => (await head.boundingBox())!.height).toBeGreaterThan(20);

  await page.goto('/clusters');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await expect(page.getByRole('article').first()).toBeVisible();
  await screen(page, 'phone-clusters');
});
