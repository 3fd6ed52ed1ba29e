import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { expect, it } from 'vitest';

// Every write goes through src/db/transaction.ts (inTransaction; snapshots through inSnapshot). A file
// elsewhere in src/ that starts a transaction of its own bypasses the group commit, the Idempotency-Key
// claim and the reader connection; this scan finds it.
const ROOT = join(import.meta.dirname, '..', '..');
const STARTS_A_TRANSACTION = /\.transaction\(\)|\.startTransaction\(\)|\bgroupCommitter\(|new GroupCommitter\(/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Each line outside src/db/ that starts a transaction, as `file:line: text`. */
function transactionsOutsideDb(root: string): string[] {
  const src = join(root, 'src');
  return sourceFiles(src)
    .filter((file) => !relative(src, file).startsWith(`db${sep}`))
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          STARTS_A_TRANSACTION.test(line) ? [`${relative(root, file)}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
}

it('no file outside src/db/ starts a transaction: every write goes through src/db/transaction.ts', () => {
  expect(transactionsOutsideDb(ROOT)).toEqual([]);
});

it('the scan sees the files it must: the services that write, and not src/db/ itself', () => {
  const scanned = sourceFiles(join(ROOT, 'src')).map((file) => relative(ROOT, file));
  expect(scanned).toContain(join('src', 'records', 'record-service.ts'));
  expect(scanned).toContain(join('src', 'db', 'transaction.ts'));
  expect(readFileSync(join(ROOT, 'src', 'db', 'transaction.ts'), 'utf8')).toMatch(STARTS_A_TRANSACTION);
});
