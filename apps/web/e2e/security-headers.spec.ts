import { expect, test, type Page } from '@playwright/test';
import { requireAdminCredentials, signIn, webUrl } from './helpers';

test.beforeAll(requireAdminCredentials);

/** Collects the browser's CSP reports (console "Refused to …" lines and securitypolicyviolation events). */
function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test('pages carry a nonce-based CSP that forbids framing, and run without a violation', async ({ page }) => {
  const violations = watchViolations(page);
  const login = await page.goto('/login');
  const csp = login!.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(login!.headers()['x-frame-options']).toBe('DENY');
  // A fresh nonce per response.
  const again = await page.request.get('/login');
  expect(again.headers()['content-security-policy']).not.toBe(csp);

  // Hydrated pages work under the policy: the form signs in, the shell's menus open.
  await signIn(page);
  for (const path of ['/services', '/ingresses', '/settings', '/no-such-page']) await page.goto(path);
  await page.goto('/clusters');
  await page.getByRole('button', { name: 'Account menu' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  expect(violations).toEqual([]);
});

test('a page cannot be framed by another origin', async ({ page }) => {
  const violations = watchViolations(page);
  await page.setContent(`<iframe src="${webUrl}/login"></iframe>`);
  await expect.poll(() => violations.some((v) => /frame-ancestors|X-Frame-Options/i.test(v)), { timeout: 10_000 }).toBe(true);
});

test('the API docs run under their own policy, and API answers under a deny-all one', async ({ page, request }) => {
  const violations = watchViolations(page);
  const docs = await page.goto('/api/docs');
  expect(docs!.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByText('Portico API').first()).toBeVisible();
  expect(violations).toEqual([]);
  const json = await request.get('/api/healthz');
  expect(json.headers()['content-security-policy']).toContain("default-src 'none'");
});

test('the /api proxy refuses a body over the limit without reading it all', async ({ request }) => {
  const big = 'x'.repeat(2 * 1024 * 1024);
  const res = await request.post('/api/v1/auth/login', { headers: { 'content-type': 'application/json' }, data: `{"email":"a@b.c","password":"${big}"}` });
  expect(res.status()).toBe(413);
  expect(res.headers()['content-type']).toContain('application/problem+json');
  expect((await res.json()).code).toBe('payload_too_large');
});
