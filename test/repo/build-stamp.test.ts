// `npm install` (prepare) and `npx onset` never rebuild a current build: scripts/build.ts compares the
// SHA-256 of the build's inputs with the one recorded when dist/ was made.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { needsBuild, sourceHash, STAMP } from '../../scripts/build.js';

let root: string;
const write = (path: string, text: string): void => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'onset-build-'));
  write('src/a.ts', 'export const a = 1;\n');
  write('web/src/main.ts', 'console.log(1);\n');
  write('package.json', '{}\n');
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

it('builds when nothing was built, and not again once the stamp matches the sources', () => {
  expect(needsBuild(root)).toBe(true);
  write('web/dist/index.html', '<!doctype html>\n');
  write(STAMP, `${sourceHash(root)}\n`);
  expect(needsBuild(root)).toBe(false);
});

it('builds again when a source, the web app or the locked dependencies change, or the web build is gone', () => {
  write('web/dist/index.html', '<!doctype html>\n');
  write(STAMP, `${sourceHash(root)}\n`);
  write('src/a.ts', 'export const a = 2;\n');
  expect(needsBuild(root)).toBe(true);
  write('src/a.ts', 'export const a = 1;\n');
  expect(needsBuild(root)).toBe(false);
  write('web/src/new.ts', '\n');
  expect(needsBuild(root)).toBe(true);
  rmSync(join(root, 'web/src/new.ts'));
  write('package-lock.json', '{}\n');
  expect(needsBuild(root)).toBe(true);
  rmSync(join(root, 'package-lock.json'));
  expect(needsBuild(root)).toBe(false);
  rmSync(join(root, 'web/dist'), { recursive: true });
  expect(needsBuild(root)).toBe(true);
});

it('does not count what the build itself writes (dist/, web/dist/) or node_modules', () => {
  const before = sourceHash(root);
  write('dist/app/main.js', 'built\n');
  write('web/dist/assets/x.js', 'built\n');
  write('node_modules/x/index.js', 'dependency\n');
  expect(sourceHash(root)).toBe(before);
});
