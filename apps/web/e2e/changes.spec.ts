import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, screen, signIn, signInToCourseCluster, uniqueName } from './helpers';

/**
 * The change pipeline in the browser (issue 9): expose the course's my-app Deployment as a
 * NodePort from its page, read the preview (diff, kubectl), submit, follow it to applied with
 * its allocated node port, open the Service, edit it, revert the edit; and a submit sent twice
 * makes one change. Needs DEMO_KUBECONFIG_PATH (see helpers.courseCluster).
 */
let clusterId = '';

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  clusterId = await signInToCourseCluster(browser, async (page, id) => {
    // A run stopped halfway may have left the shared cluster requiring approval.
    const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string };
    const reset = await page.request.patch(`/api/v1/clusters/${id}`, { data: { requireApproval: false }, headers: { 'x-csrf-token': me.csrfToken } });
    expect(reset.status(), await reset.text()).toBe(200);
  });
});

async function fillFirstPort(page: Page, port: string, targetPort: string) {
  await page.getByRole('button', { name: 'Add a port' }).click();
  const row = page.getByTestId('port-row-0');
  await row.getByLabel('Port', { exact: true }).fill(port);
  await row.getByLabel(/^Target port/).fill(targetPort);
}

async function changesOf(page: Page, name: string) {
  const res = await page.request.get(`/api/v1/changes?clusterId=${clusterId}&limit=100`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { items: { id: string; target: { name: string } }[] }).items.filter((c) => c.target.name === name);
}

test('expose my-app as a NodePort from its Deployment page, follow it to applied, open, edit and revert the Service', async ({ page }) => {
  test.setTimeout(120_000);
  const name = uniqueName('my-app-np');
  await signIn(page);

  // The Deployment's page, through the course's NodePort Service and its Related list.
  await page.goto(`/services?cluster=${clusterId}&q=my-app-nodeport`);
  await page.getByRole('table', { name: 'Services' }).getByRole('link', { name: 'my-app-nodeport', exact: true }).click();
  await page.getByRole('region', { name: 'Related' }).getByRole('list', { name: 'Selects workloads' }).getByRole('link', { name: 'my-app' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'my-app' })).toBeVisible();
  await page.getByRole('link', { name: 'Expose', exact: true }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Expose my-app' })).toBeVisible();
  // The workload's container port is offered, and its selector named as the default.
  await expect(page.getByText('Container ports: 8080/TCP')).toBeVisible();
  await expect(page.getByText('Default: app=my-app')).toBeVisible();
  await page.getByRole('radio', { name: /^NodePort/ }).check();

  // Validates as you type with the contract: a name Kubernetes refuses is flagged on leaving the field.
  const nameInput = page.getByLabel(/^Service name/);
  await nameInput.fill('My_App');
  await nameInput.blur();
  await expect(page.locator('#f-change-name-error')).toBeVisible();
  await nameInput.fill(name);
  await expect(page.locator('#f-change-name-error')).toHaveCount(0);
  await fillFirstPort(page, '80', '8080');

  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const preview = page.getByTestId('change-preview');
  await expect(preview.getByTestId('kubectl')).toContainText(`kubectl expose deployment my-app -n default --name=${name} --port=80 --target-port=8080 --type=NodePort`);
  await expect(preview.getByTestId('diff').locator('[data-diff="add"]').filter({ hasText: 'type: NodePort' })).toBeVisible();
  await expect(preview.getByTestId('diff').locator('[data-diff="add"]').filter({ hasText: 'nodePort: <allocated on apply>' })).toBeVisible();
  await screen(page, 'changes-expose-preview');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Submit change' }).click();
  const progress = page.getByTestId('change-progress');
  await expect(progress.getByTestId('change-state')).toHaveAttribute('data-state', 'applied', { timeout: 30_000 });
  await expect(progress.getByTestId('allocated-node-ports')).toContainText(/80\/TCP → \d{5}/);
  const allocated = /→ (\d+)/.exec((await progress.getByTestId('allocated-node-ports').textContent()) ?? '')![1];

  // The new Service's page, once the sync has stored it.
  await progress.getByRole('link', { name: `Open Service ${name}` }).click({ timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('region', { name: 'YAML' })).toContainText(`nodePort: ${allocated}`);

  // Edit it: session affinity.
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Edit ${name}` })).toBeVisible();
  await page.getByLabel('Session affinity').selectOption('ClientIP');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByTestId('diff').locator('[data-diff="add"]').filter({ hasText: 'sessionAffinity: ClientIP' })).toBeVisible();
  await page.getByRole('button', { name: 'Submit change' }).click();
  await expect(page.getByTestId('change-progress').getByTestId('change-state')).toHaveAttribute('data-state', 'applied', { timeout: 30_000 });

  // Revert the edit from its change page: a new change, applied, the object as it was.
  await page.getByTestId('change-progress').getByRole('link', { name: 'Change page' }).click();
  await expect(page.getByTestId('timeline')).toContainText('Finished');
  await expect(page.getByTestId('diff').locator('[data-diff="add"]').filter({ hasText: 'sessionAffinity: ClientIP' })).toBeVisible();
  await screen(page, 'changes-change-applied');
  await expectAccessible(page);
  const editUrl = page.url();
  await page.getByRole('button', { name: 'Revert' }).click();
  await expect(page).not.toHaveURL(editUrl);
  await expect(page.getByRole('heading', { level: 1, name: /^Revert Service default\// })).toBeVisible();
  await expect(page.getByTestId('change-state')).toHaveAttribute('data-state', 'applied', { timeout: 30_000 });
  await expect(page.getByTestId('diff').locator('[data-diff="add"]').filter({ hasText: 'sessionAffinity: None' })).toBeVisible();

  // The Changes list shows all three, filtered to this cluster.
  await page.goto(`/changes?cluster=${clusterId}`);
  await expect(page.getByTestId('change-row').filter({ hasText: name })).toHaveCount(3);
  await screen(page, 'changes-list');
  await expectAccessible(page);
});

test('a submit sent twice (double click, and a replayed request) makes one change', async ({ page }) => {
  const name = uniqueName('my-app-once');
  await signIn(page);
  // Every submit reaches the API twice through the web's proxy, with the same Idempotency-Key.
  await page.route('**/api/v1/clusters/*/changes', async (route) => {
    await route.fetch();
    await route.fulfill({ response: await route.fetch() });
  });
  await page.goto(`/clusters/${clusterId}/expose?namespace=default&kind=Deployment&name=my-app`);
  await page.getByLabel(/^Service name/).fill(name);
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByTestId('change-preview')).toBeVisible();
  await page.getByRole('button', { name: 'Submit change' }).dblclick();
  await expect(page.getByTestId('change-progress').getByTestId('change-state')).toHaveAttribute('data-state', 'applied', { timeout: 30_000 });
  expect(await changesOf(page, name)).toHaveLength(1);
});

test('with approval required, a change waits for another admin; its author can cancel it', async ({ page }) => {
  const name = uniqueName('my-app-held');
  await signIn(page);
  try {
    await page.goto(`/clusters/${clusterId}`);
    await page.getByLabel('Require approval for changes').check();
    await expect(page.getByText('Need an admin’s approval')).toBeVisible();
    await page.goto(`/clusters/${clusterId}/expose?namespace=default&kind=Deployment&name=my-app`);
    await page.getByLabel(/^Service name/).fill(name);
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page.getByRole('button', { name: 'Submit change' }).click();
    const progress = page.getByTestId('change-progress');
    await expect(progress.getByTestId('change-state')).toHaveAttribute('data-state', 'awaiting_approval');
    await progress.getByRole('link', { name: 'Change page' }).click();
    // Its author is not offered Approve (another admin decides), only Cancel.
    await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Cancel change' }).click();
    await expect(page.getByTestId('change-state')).toHaveAttribute('data-state', 'cancelled');
    await expect(page.getByText('nothing changed in the cluster')).toBeVisible();
  } finally {
    await page.goto(`/clusters/${clusterId}`);
    await page.getByLabel('Require approval for changes').uncheck();
    await expect(page.getByText('Applied when submitted')).toBeVisible();
  }
});
