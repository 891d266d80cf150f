import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

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
  // Past the login page and past `/`, whose redirect to /clusters runs in the browser: a
  // navigation started before it lands would be cut short by it (net::ERR_ABORTED).
  await expect(page).toHaveURL((url) => !url.pathname.startsWith('/login') && url.pathname !== '/');
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
