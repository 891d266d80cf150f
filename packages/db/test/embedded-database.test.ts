import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedDatabase } from '../src/index.js';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/index.js');

describe('embedded PostgreSQL', () => {
  it('keeps data across restarts and recovers after its parent was killed with SIGKILL', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'portico-pg-'));
    const port = 54400 + Math.floor(Math.random() * 500);

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
