import { expect, request, test, type Page } from '@playwright/test';
import { admin, requireAdminCredentials, screen, signIn, signOut, webUrl } from './helpers';

test.beforeAll(requireAdminCredentials);

test('a wrong password shows an error and keeps you on the login page', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in to Portico' })).toBeVisible();
  await screen(page, 'login');

  // Empty submit: the form's own validation, next to the fields.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Enter your e-mail address.')).toBeVisible();
  await expect(page.getByLabel('E-mail')).toBeFocused();

  await page.getByLabel('E-mail').fill(admin.email);
  await page.getByLabel('Password').fill(`${admin.password}-wrong`);
  await page.getByLabel('Password').press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong e-mail or password.' })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel('Password')).toHaveValue('');
  await screen(page, 'login-error');
});

test('forms check a field against the contract once it is left, and again as it is corrected', async ({ page }) => {
  await page.goto('/login');
  const email = page.getByLabel('E-mail');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled(); // hydrated
  await email.fill('not-an-address');
  await expect(page.getByText('Enter a valid e-mail address.')).toHaveCount(0); // typing alone stays quiet
  await page.getByLabel('Password').focus();
  await expect(page.getByText('Enter a valid e-mail address.')).toBeVisible();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await email.fill(admin.email);
  await expect(page.getByText('Enter a valid e-mail address.')).toHaveCount(0);
  await expect(email).not.toHaveAttribute('aria-invalid', 'true');
  // The password field was visited and left empty in passing: it says so now, and stops once filled.
  await expect(page.getByText('Enter your password.')).toBeVisible();
  await page.getByLabel('Password').fill('x');
  await expect(page.getByText('Enter your password.')).toHaveCount(0);
});

test('signing in shows the navigation shell and every area', async ({ page }) => {
  await signIn(page);
  await expect(page).toHaveURL(/\/$/); // the overview

  await expect(page.getByRole('link', { name: 'Portico' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Organization', exact: true })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const label of ['Clusters', 'Services', 'Ingress & TLS', 'Gateway API', 'Certificates', 'Changes', 'Settings', 'Users', 'Audit log', 'Account']) {
    await expect(nav.getByRole('link', { name: label, exact: true })).toBeVisible();
  }

  // The traffic screens show data or an empty state saying what to do, depending on the clusters.
  const inventory = (plural: string) => page.getByRole('search', { name: `Filter ${plural}` }).or(page.getByRole('heading', { name: `Register a cluster to see its ${plural}` }));
  const areas = [
    ['Clusters', '/clusters', page.getByRole('list', { name: 'Clusters' }).or(page.getByRole('heading', { name: 'No clusters connected yet' }))],
    ['Services', '/services', inventory('Services')],
    ['Ingress & TLS', '/ingresses', inventory('Ingresses')],
    ['Gateway API', '/gateway-api', inventory('Gateways')],
    ['Certificates', '/certificates', inventory('certificates')],
    ['TLS Secrets', '/tls-secrets', inventory('TLS Secrets')],
    // Other specs may have made changes on this stack: the list's section is there either way.
    ['Changes', '/changes', page.getByRole('heading', { level: 2, name: 'Changes' })],
    ['Settings', '/settings', page.getByRole('heading', { name: 'Create an organization' })],
  ] as const;
  for (const [label, url, shown] of areas) {
    await nav.getByRole('link', { name: label, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${url}$`));
    await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
    await expect(shown.first()).toBeVisible();
    await expect(nav.getByRole('link', { name: label, exact: true })).toHaveAttribute('aria-current', 'page');
    await screen(page, url.slice(1));
  }
});

test('a signed-out visitor is sent to login and back to the page they asked for', async ({ page }) => {
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
  await page.getByLabel('E-mail').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
});

test('an API token is shown once, works as a Bearer token, and stops working when revoked', async ({ page }) => {
  await signIn(page, admin.email, admin.password, '/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Profile' })).toContainText(admin.email);

  const name = `e2e token ${Date.now()}`;
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Role').selectOption('viewer');
  await page.getByLabel('Expires').selectOption('30');
  await page.getByRole('button', { name: 'Create token' }).click();

  await expect(page.getByRole('heading', { name: `Token “${name}” created` })).toBeVisible();
  await expect(page.getByText('It will not be shown again')).toBeVisible();
  const secret = await page.getByRole('textbox', { name: 'API token secret' }).inputValue();
  expect(secret).toMatch(/^ptk_/);
  await expect(page.getByRole('textbox', { name: 'Example curl command' })).toHaveValue(`curl -H "Authorization: Bearer ${secret}" ${new URL(webUrl).origin}/api/v1/me`);
  await screen(page, 'account-token-created');

  // Automation: a fresh request context — no cookies — through the web origin's proxy.
  const api = await request.newContext();
  try {
    const ok = await api.get(`${webUrl}/api/v1/me`, { headers: { Authorization: `Bearer ${secret}` } });
    expect(ok.status()).toBe(200);
    const me = await ok.json();
    expect(me.user.email).toBe(admin.email);
    expect(me.authMethod).toBe('token');

    await page.getByRole('button', { name: 'I have copied it' }).click();
    await expect(page.getByRole('textbox', { name: 'API token secret' })).toHaveCount(0);

    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText(secret.slice(0, 8));
    await expect(row).toContainText('active');
    await row.getByRole('button', { name: `Revoke token ${name}` }).click();
    await row.getByRole('button', { name: `Confirm revoking token ${name}` }).click();
    await expect(page.getByRole('status').filter({ hasText: `Token “${name}” revoked` })).toBeVisible();
    await expect(row).toContainText('revoked');
    await screen(page, 'account-token-revoked');

    const refused = await api.get(`${webUrl}/api/v1/me`, { headers: { Authorization: `Bearer ${secret}` } });
    expect(refused.status()).toBe(401);
    expect(refused.headers()['content-type']).toContain('application/problem+json');
  } finally {
    await api.dispose();
  }

  // The secret never comes back: not after a reload, not in the list.
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('revoked');
  expect(await page.content()).not.toContain(secret);
});

/** Invites `email` from the Users page and returns the link's fragment (`#inv_…`), shown once. */
async function invite(page: Page, email: string, role: 'viewer' | 'editor' | 'admin') {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Invitation link for ${email}` })).toBeVisible();
  const link = await page.getByRole('textbox', { name: `Invitation link for ${email}` }).inputValue();
  expect(link).toMatch(/\/invite#inv_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole('table', { name: 'Pending invitations' }).getByRole('row').filter({ hasText: email })).toBeVisible();
  // PORTICO_PUBLIC_URL may name another host than the one under test: keep only the fragment.
  return new URL(link).hash;
}

test('admins invite members, who join with a password of their own; a viewer is told they need the admin role', async ({ page }) => {
  await signIn(page, admin.email, admin.password, '/settings/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  const members = page.getByRole('table', { name: 'Members' });
  await expect(members.getByRole('row').filter({ hasText: admin.email })).toContainText('you');

  // Inviting creates no account and asks for no password: the invitee gets a link.
  const stamp = Date.now();
  const email = `viewer-${stamp}@example.com`;
  await expect(page.getByLabel(/password/i)).toHaveCount(0);
  const viewerLink = await invite(page, email, 'viewer');
  await screen(page, 'settings-users');

  // A revoked invitation's link opens nothing.
  const revokedEmail = `revoked-${stamp}@example.com`;
  const revokedLink = await invite(page, revokedEmail, 'editor');
  const pending = page.getByRole('table', { name: 'Pending invitations' });
  await pending.getByRole('button', { name: `Revoke the invitation of ${revokedEmail}` }).click();
  await pending.getByRole('button', { name: `Confirm revoking the invitation of ${revokedEmail}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Invitation of ${revokedEmail} revoked.` })).toBeVisible();
  await expect(pending.getByRole('row').filter({ hasText: revokedEmail })).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const events = page.getByRole('table', { name: 'Audit events' });
  await expect(events).toContainText('invitation.created');
  await expect(events).toContainText('invitation.revoked');
  await expect(events).toContainText('auth.login.succeeded');
  await screen(page, 'settings-audit');

  await signOut(page);

  await page.goto(`/invite${revokedLink}`);
  await expect(page.getByRole('alert').filter({ hasText: 'This invitation cannot be used' })).toBeVisible();

  // The invitee opens the link: the secret leaves the address bar at once.
  await page.goto(`/invite${viewerLink}`);
  await expect(page.getByText(`invites ${email} as`)).toBeVisible();
  await expect(page).toHaveURL(/\/invite$/);
  await screen(page, 'invite');
  const viewerPassword = `vera-${stamp}-own-password`;
  await page.getByLabel('Password').fill(viewerPassword);
  await page.getByRole('button', { name: /^Join / }).click();
  await expect(page.getByLabel('Your name')).toHaveAttribute('aria-invalid', 'true'); // a new account needs a name
  await page.getByLabel('Your name').fill('Vera Viewer');
  await page.getByRole('button', { name: /^Join / }).click();
  await expect(page).toHaveURL(/\/$/); // the overview

  await page.goto('/settings/users');
  await expect(page.getByRole('heading', { name: 'You need the admin role' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' })).toHaveCount(0);
  await screen(page, 'settings-users-viewer');
  await page.goto('/settings/audit');
  await expect(page.getByRole('heading', { name: 'You need the admin role' })).toBeVisible();

  // The link worked once.
  await page.goto(`/invite${viewerLink}`);
  await expect(page.getByRole('alert').filter({ hasText: 'This invitation cannot be used' })).toBeVisible();
});

test('a member changes their password, and an invitation to a second organization is accepted from the portal', async ({ page }) => {
  const stamp = Date.now();
  const email = `mover-${stamp}@example.com`;
  const firstPassword = `mover-${stamp}-first-password`;
  const secondPassword = `mover-${stamp}-second-password`;

  await signIn(page, admin.email, admin.password, '/settings/users');
  const link = await invite(page, email, 'editor');
  await signOut(page);
  await page.goto(`/invite${link}`);
  await page.getByLabel('Your name').fill('Mo Mover');
  await page.getByLabel('Password').fill(firstPassword);
  await page.getByRole('button', { name: /^Join / }).click();
  await expect(page).toHaveURL(/\/$/); // the overview

  // Account → Password: the current one is needed; afterwards only the new one works.
  await page.goto('/account');
  const form = page.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password', { exact: true }).fill('not-the-password');
  await form.getByLabel('New password', { exact: true }).fill(secondPassword);
  await form.getByLabel('Repeat the new password').fill(secondPassword);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByText('The current password is wrong', { exact: false })).toBeVisible();
  await form.getByLabel('Current password', { exact: true }).fill(firstPassword);
  await form.getByLabel('New password', { exact: true }).fill(secondPassword);
  await form.getByLabel('Repeat the new password').fill(secondPassword);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('status').filter({ hasText: 'Password changed.' })).toBeVisible();
  await screen(page, 'account-password-changed');
  await signOut(page);

  // The admin invites the same address into a new organization.
  await signIn(page, admin.email, admin.password, '/settings');
  const orgName = `E2E invite org ${stamp}`;
  await page.getByLabel('Organization name').fill(orgName);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await page.getByRole('button', { name: `Switch to ${orgName}` }).click();
  await expect(page.getByRole('region', { name: 'Organization', exact: true })).toContainText(orgName);
  await page.goto('/settings/users');
  const secondLink = await invite(page, email, 'admin');
  await signOut(page);

  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(firstPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong e-mail or password.' })).toBeVisible();
  await signIn(page, email, secondPassword, '/account');

  // The portal lists the invitation; accepting needs the link that was sent.
  const invitations = page.getByRole('region', { name: 'Invitations' });
  await expect(invitations).toContainText(orgName);
  await screen(page, 'account-invitations');
  await invitations.getByRole('button', { name: `Accept the invitation to ${orgName}` }).click();
  await invitations.getByLabel('Invitation link').fill('https://portico.example/invite#not-a-link');
  await invitations.getByRole('button', { name: 'Join' }).click();
  await expect(invitations.getByText('Paste the invitation link you were sent.')).toBeVisible();
  await invitations.getByLabel('Invitation link').fill(`http://anything.example/invite${secondLink}`);
  await invitations.getByRole('button', { name: 'Join' }).click();
  await expect(page).toHaveURL(/\/$/); // the overview
  await expect(page.getByRole('combobox', { name: 'Organization', exact: true }).locator('option:checked')).toHaveText(orgName);
});

test('signing out returns to the login page and ends the session', async ({ page }) => {
  await signIn(page);
  await signOut(page);
  await page.goto('/clusters');
  await expect(page).toHaveURL(/\/login\?next=%2Fclusters$/);
});

test('an admin creates an organization and switches between organizations', async ({ page }) => {
  await signIn(page, admin.email, admin.password, '/settings');
  const switcher = page.getByRole('combobox', { name: 'Organization', exact: true });
  const home = await switcher.inputValue();
  const homeName = (await switcher.locator('option:checked').textContent())?.trim() ?? '';

  const name = `E2E org ${Date.now()}`;
  await page.getByLabel('Organization name').fill(name);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Created ${name}` })).toBeVisible();
  await expect(switcher.locator('option', { hasText: name })).toHaveCount(1);
  await page.getByRole('button', { name: `Switch to ${name}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Organization', exact: true })).toContainText(name);
  await expect(switcher.locator('option:checked')).toHaveText(name);
  await screen(page, 'settings-new-org');

  // And back, through the header switcher.
  await switcher.selectOption(home);
  await expect(page.getByRole('region', { name: 'Organization', exact: true })).toContainText(homeName);
});

test('the API reference and OpenAPI document are served on the web origin', async ({ request }) => {
  const doc = await request.get('/api/openapi.json');
  expect(doc.status()).toBe(200);
  expect((await doc.json()).openapi).toMatch(/^3\./);
  const docs = await request.get('/api/docs');
  expect(docs.status()).toBe(200);
  expect(docs.headers()['content-type']).toContain('text/html');
});
