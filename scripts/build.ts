/**
 * `npm run build` and the `prepare` script: compiles the server (tsc → dist/) and the web app (vite →
 * web/dist/), then records the SHA-256 of every source the build reads in dist/.source-hash. With
 * `--if-changed` (prepare, which `npm install` runs) it builds only when that hash differs, so an install
 * over a current build, or `npx onset`, never rebuilds.
 */
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/** What the build reads: the sources, the web app, the compiler settings and the locked dependencies. */
const INPUTS = ['src', 'web', 'bin', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
const SKIPPED = new Set(['node_modules', 'dist']);
export const STAMP = join('dist', '.source-hash');

/** The files under `path` (relative to `root`), or `path` itself when it is a file; none when it is absent. */
function files(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [path];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : files(root, join(path, entry.name));
    return entry.isFile() ? [join(path, entry.name)] : [];
  });
}

/** The SHA-256 of every build input under `root`, path by path in a fixed order. */
export function sourceHash(root: string): string {
  const hash = createHash('sha256');
  for (const path of INPUTS.flatMap((input) => files(root, input)).sort()) {
    hash.update(path.replaceAll('\\', '/'));
    hash.update('\0');
    hash.update(readFileSync(join(root, path)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Whether the build under `root` is missing or was made from other sources than are there now. */
export function needsBuild(root: string): boolean {
  const stamp = join(root, STAMP);
  if (!existsSync(stamp) || !existsSync(join(root, 'web', 'dist', 'index.html'))) return true;
  return readFileSync(stamp, 'utf8').trim() !== sourceHash(root);
}

function build(root: string): void {
  const bin = join(root, 'node_modules', '.bin');
  const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
  execSync('tsc -p tsconfig.build.json && vite build --config web/vite.config.ts', {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  writeFileSync(join(root, STAMP), `${sourceHash(root)}\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const root = resolve(import.meta.dirname, '..');
  if (process.argv.includes('--if-changed') && !needsBuild(root)) {
    process.stdout.write('onset: the build in dist/ is current; not rebuilding\n');
  } else build(root);
}
