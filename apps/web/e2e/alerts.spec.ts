import { expect, test } from '@playwright/test';
import { courseCluster, expectAccessible, requireAdminCredentials, signIn } from './helpers';

/**
 * Certificate alerts in Chromium (issue 11): the worker's evaluation after the course cluster's
 * sync writes an e-mail for the expiring checkout-tls, which the outbox shows rendered and sent
 * (the test stack runs a local SMTP catcher); a certificate is snoozed from its page; the
 * notification settings flag a bad address as typed.
 */
test.beforeEach(() => requireAdminCredentials());

interface OutboxItem {
  id: string;
  subject: string;
}

test('the outbox shows the e-mail for the expiring certificate, rendered and sent', async ({ page }) => {
  // The cluster's first sync, the evaluation it triggers and the delivery come before any page.
  test.setTimeout(150_000);
  await signIn(page);
  await courseCluster(page);
  // Its own e-mail, or one listing a burst of alerts that includes it.
  let message: OutboxItem | undefined;
  await expect
    .poll(
      async () => {
        const items = ((await (await page.request.get('/api/v1/outbox?limit=200')).json()) as { items: OutboxItem[] }).items;
        message = items.find((m) => m.subject.includes('shop/checkout-tls')) ?? items.find((m) => /new certificate alerts/.test(m.subject));
        return !!message;
      },
      { message: 'the evaluation after the sync wrote the alert e-mail', timeout: 60_000 },
    )
    .toBe(true);

  await page.goto('/settings');
  await page.getByRole('link', { name: /Outbox/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: message!.subject, exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: message!.subject })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Delivery' })).toContainText('Sent', { timeout: 30_000 });
  const rendered = page.frameLocator('iframe[title^="E-mail"]');
  await expect(rendered.locator('body')).toContainText('checkout-tls');
  await expect(rendered.locator('body')).toContainText('What to do');
  await expect(page.getByRole('region', { name: 'Plain text' })).toContainText('/certificates/');
  // No axe here: it injects itself into every frame, and the message's frame is sandboxed without scripts on purpose.
});

test('the outbox pages by 50 and filters by delivery state', async ({ page }) => {
  // The browser stack allows more test e-mails an hour than the default 10 (scripts/test.mjs).
  await signIn(page);
  const { csrfToken } = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
  const count = async () => ((await (await page.request.get('/api/v1/outbox?limit=200')).json()) as { items: OutboxItem[] }).items.length;
  for (let n = await count(); n < 55; n++) {
    const res = await page.request.post('/api/v1/organization/notifications/test', { data: { to: ['paging@example.com'] }, headers: { 'x-csrf-token': csrfToken } });
    expect(res.status()).toBe(202);
  }
  await page.goto('/settings/outbox');
  const rows = page.getByTestId('outbox-row');
  await expect(rows).toHaveCount(50);
  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(page.getByText(/Showing \d+ e-mails — that is all/)).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(55);
  await expectAccessible(page);

  await page.getByLabel('State').selectOption({ label: 'Sent' });
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/state=sent/);
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.allInnerTexts()) {
    expect(row).toContain('Sent');
    expect(row).not.toMatch(/Waiting|Sending|Failed/);
  }
});

test('snooze one certificate from its page: who, until when and why are shown', async ({ page }) => {
  await signIn(page);
  const cluster = await courseCluster(page);
  await page.goto(`/certificates?cluster=${cluster}&q=api-tls`);
  await page.getByRole('link', { name: 'api-tls', exact: true }).click();
  const alerts = page.getByRole('region', { name: 'Alerts' });
  await expect(alerts).toBeVisible();
  const until = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await alerts.getByLabel('Snooze until').fill(until);
  await alerts.getByLabel('Reason').fill('Payments CA being replaced this week');
  await alerts.getByRole('button', { name: 'Snooze' }).click();
  await expect(alerts.getByText(/Snoozed until/)).toBeVisible();
  await expect(alerts).toContainText('Payments CA being replaced this week');
  await expectAccessible(page);
  await alerts.getByRole('button', { name: 'End snooze' }).click();
  await expect(alerts.getByText(/Snoozed until/)).toHaveCount(0);
});

test('notification settings name a bad address before anything is sent', async ({ page }) => {
  await signIn(page);
  await page.goto('/settings/notifications');
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  await page.getByLabel('Default recipients').fill('ops@example.com\nnot-an-address');
  await page.getByRole('button', { name: 'Save notification settings' }).click();
  await expect(page.getByText('“not-an-address” is not an e-mail address.')).toBeVisible();
  await expect(page.getByLabel('Default recipients')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});
