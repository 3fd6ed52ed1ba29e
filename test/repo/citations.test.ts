import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Comments and documents cite only what a reader of the repository can open (docs/evidence.md, "How
// sources are cited"): every Markdown file named must exist in the repository, and no path may point at
// a machine or outside the repository.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCANNED = ['src', 'web/src', 'test', 'bench', 'scripts', 'docs', 'README.md', 'ARCHITECTURE.md'];
const TEXT = /\.(ts|tsx|js|mjs|cjs|json|md|css|html|R|sh|sql|ya?ml)$/;
const MARKDOWN_NAME = /[\w./-]+\.md\b/g;
const MACHINE_PATH = /\/work\/|\/root\/|(?:\.\.\/)+shared\b/g;

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--', ...SCANNED], { cwd: ROOT, encoding: 'utf8' });
  return out.split('\0').filter((file) => file !== '' && TEXT.test(file));
}

/** Problems in one file's text: Markdown names that resolve to no tracked file, and machine paths. */
export function citationProblems(
  file: string,
  text: string,
  tracked: ReadonlySet<string>,
  basenames: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  text.split('\n').forEach((line, index) => {
    const where = `${file}:${index + 1}`;
    for (const match of line.matchAll(MARKDOWN_NAME)) {
      const name = match[0].replace(/^\.\//, '');
      if (name.includes('/')) {
        // A path: from the repository root, or relative to the file (as Markdown links are).
        const fromRoot = name;
        const fromFile = relative(ROOT, resolve(ROOT, dirname(file), name));
        if (!tracked.has(fromRoot) && !tracked.has(fromFile))
          problems.push(`${where}: names ${name}, which the repository does not contain`);
      } else if (!basenames.has(name)) {
        problems.push(`${where}: names ${name}, which the repository does not contain`);
      }
    }
    for (const match of line.matchAll(MACHINE_PATH)) {
      const path = match[0];
      if (path.startsWith('..')) {
        // An import such as '../shared/errors.js' stays inside the repository; a path that leaves it does not.
        const target = relative(ROOT, resolve(ROOT, dirname(file), path));
        if (target.startsWith('..') || isAbsolute(target))
          problems.push(`${where}: ${path} points outside the repository`);
      } else {
        problems.push(`${where}: ${path} is a machine path`);
      }
    }
  });
  return problems;
}

// Built from parts so that this file does not itself name them.
const MISSING = ['INSTRUMENTS', 'md'].join('.');
const MISSING_PATH = ['docs/nowhere', 'md'].join('.');
const MACHINE = ['', 'work', ''].join('/');
const OUTSIDE = `${'../'.repeat(3)}shared`;

describe('citations in the repository', () => {
  const files = trackedFiles();
  const tracked = new Set(
    execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f !== ''),
  );
  const basenames = new Set([...tracked].map((f) => basename(f)));

  it('scans the tracked text files of every scanned folder', () => {
    expect(files).toContain('test/repo/citations.test.ts');
    expect(files).toContain('docs/evidence.md');
    expect(files.length).toBeGreaterThan(100);
  });

  it('names no Markdown file the repository does not contain, and no machine path', () => {
    const problems = files.flatMap((file) =>
      citationProblems(file, readFileSync(resolve(ROOT, file), 'utf8'), tracked, basenames),
    );
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('catches a missing Markdown file, a machine path and a path out of the repository, and passes the real ones', () => {
    const sample = [
      '// see docs/outcomes.md and outcomes.md', // exists, by path and by name
      `// as in ${MISSING}`, // no such file
      `// ${MISSING_PATH}`, // no such path
      "import { invalid } from '../shared/errors.js';", // inside the repository
      `// read ${MACHINE}shared/notes`, // machine path
      `// ${OUTSIDE}/evidence`, // leaves the repository
    ].join('\n');
    expect(citationProblems('src/safety/example.ts', sample, tracked, basenames)).toEqual([
      `src/safety/example.ts:2: names ${MISSING}, which the repository does not contain`,
      `src/safety/example.ts:3: names ${MISSING_PATH}, which the repository does not contain`,
      `src/safety/example.ts:5: ${MACHINE} is a machine path`,
      `src/safety/example.ts:6: ${OUTSIDE} points outside the repository`,
    ]);
  });
});
