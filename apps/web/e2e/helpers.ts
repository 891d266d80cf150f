import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';

export const admin = {
  email: (process.env.PORTICO_ADMIN_EMAIL ?? '').trim().toLowerCase(),
  password: process.env.PORTICO_ADMIN_PASSWORD ?? '',
};

export const webUrl = (process.env.WEB_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');

/** Fails early with a useful message rather than timing out on an empty login. */
export function requireAdminCredentials() {
  if (!admin.email || !admin.password) throw new Error('Set PORTICO_ADMIN_EMAIL and PORTICO_ADMIN_PASSWORD for the browser tests');
}

export async function signIn(page: Page, email = admin.email, password = admin.password, next?: string) {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Past the login page (to `next`, or the overview at `/`): a navigation started before that
  // lands would be cut short by it (net::ERR_ABORTED).
  await expect(page).toHaveURL((url) => !url.pathname.startsWith('/login'));
}

export async function signOut(page: Page) {
  // A click that lands before React has hydrated the menu does nothing, as it would for a
  // person: open it again until it shows.
  await expect(async () => {
    await page.getByRole('button', { name: 'Account menu' }).click();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** Full-page screenshot into test-results/screens/<name>.png (next to the config). */
export async function screen(page: Page, name: string) {
  await page.screenshot({ path: path.join(test.info().project.outputDir, 'screens', `${name}.png`), fullPage: true });
}

/** WCAG 2.1 A and AA, as axe tags them (the issue's bar: zero violations on every page). */
const WCAG21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe on the page as it is now and fails with each violation's rule, impact and elements. */
export async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG21_AA).analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ')}`).join('\n')}`);
  expect(found, `axe on ${page.url()}`).toEqual([]);
}

/**
 * A cluster on the course simulator (DEMO_KUBECONFIG_PATH), registered through the API once and
 * synced: its id. Reused across tests and spec files by its server URL.
 */
export async function courseCluster(page: Page): Promise<string> {
  const kubeconfig = fs.readFileSync(process.env.DEMO_KUBECONFIG_PATH ?? '', 'utf8');
  const server = /server:\s*(\S+)/.exec(kubeconfig)?.[1] ?? '';
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
  const list = (await (await page.request.get('/api/v1/clusters')).json()) as { items: Array<{ id: string; server: string; status: string }> };
  let id = list.items.find((c) => c.server === server)?.id;
  if (!id) {
    const res = await page.request.post('/api/v1/clusters', { data: { name: `course-${Date.now()}`, kubeconfig }, headers: { 'x-csrf-token': me.csrfToken } });
    expect(res.status(), await res.text()).toBe(201);
    id = ((await res.json()) as { id: string }).id;
  }
  await expect
    .poll(async () => ((await (await page.request.get(`/api/v1/clusters/${id}`)).json()) as { status: string }).status, { timeout: 60_000, message: 'the course cluster syncs' })
    .toBe('ready');
  return id;
}

/**
 * A spec's `beforeAll`: signs the admin in on a page of its own, gets the course cluster (see
 * `courseCluster`), lets `prepare` use the page (e.g. reset the cluster's settings), returns its id.
 */
export async function signInToCourseCluster(browser: Browser, prepare?: (page: Page, clusterId: string) => Promise<void>): Promise<string> {
  requireAdminCredentials();
  const page = await browser.newPage();
  await signIn(page);
  const clusterId = await courseCluster(page);
  await prepare?.(page, clusterId);
  await page.close();
  return clusterId;
}

/** A name no earlier run used (the course cluster is shared across runs and spec files). */
export const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}`;
