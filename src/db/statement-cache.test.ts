import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cachingDatabase } from './statement-cache.js';

let sqlite: SqliteDatabase.Database;
beforeEach(() => {
  sqlite = new SqliteDatabase(':memory:');
  sqlite.exec(`CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER, x REAL, note TEXT, blob BLOB);
    INSERT INTO t VALUES ('a', 1, 1.5, NULL, x'0102'), ('b', 2, NULL, 'two', NULL);`);
});
afterEach(() => sqlite.close());

it('returns the same row objects as better-sqlite3 does, keys in column order', () => {
  const cached = cachingDatabase(sqlite);
  for (const sql of [
    'SELECT * FROM t ORDER BY id',
    'SELECT n AS id, id AS n, x FROM t ORDER BY n',
    'SELECT count(*) AS rows, max(n) FROM t',
    'SELECT * FROM t WHERE id = ?',
  ]) {
    const parameters = sql.includes('?') ? ['b'] : [];
    const expected = sqlite.prepare(sql).all(...parameters);
    const actual = cached.prepare(sql).all(parameters);
    expect(actual).toEqual(expected);
    expect(actual.map((row) => Object.keys(row as object))).toEqual(expected.map((row) => Object.keys(row as object)));
  }
});

it('a duplicate column name keeps the last value, as better-sqlite3 does', () => {
  const sql = "SELECT 'first' AS v, 'second' AS v";
  expect(cachingDatabase(sqlite).prepare(sql).all([])).toEqual(sqlite.prepare(sql).all());
  expect(cachingDatabase(sqlite).prepare(sql).all([])).toEqual([{ v: 'second' }]);
});

it('reuses one statement per SQL text and still runs writes and streams', () => {
  const cached = cachingDatabase(sqlite);
  expect(cached.prepare('SELECT * FROM t')).toBe(cached.prepare('SELECT * FROM t'));
  expect(cached.prepare('INSERT INTO t (id, n) VALUES (?, ?)').run(['c', 3]).changes).toBe(1);
  expect([...cached.prepare('SELECT id FROM t ORDER BY id').iterate([])]).toEqual([
    { id: 'a' },
    { id: 'b' },
    { id: 'c' },
  ]);
});

it('a cached SELECT * sees a column added later', () => {
  const cached = cachingDatabase(sqlite);
  const select = "SELECT * FROM t WHERE id = 'a'";
  expect(Object.keys(cached.prepare(select).all([])[0] as object)).toEqual(['id', 'n', 'x', 'note', 'blob']);
  sqlite.exec("ALTER TABLE t ADD COLUMN added TEXT NOT NULL DEFAULT 'yes'");
  expect(cached.prepare(select).all([])).toEqual([
    { id: 'a', n: 1, x: 1.5, note: null, blob: Buffer.from([1, 2]), added: 'yes' },
  ]);
});
