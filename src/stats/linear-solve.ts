import { invalid } from '../shared/errors.js';

/** Index of the row (from row `col` down) with the largest absolute value in column `col`. */
function pivotIndex(rows: readonly number[][], col: number): number {
  let best = col;
  for (let r = col + 1; r < rows.length; r++) {
    if (Math.abs(rows[r]?.[col] ?? 0) > Math.abs(rows[best]?.[col] ?? 0)) best = r;
  }
  return best;
}

/**
 * Solves A x = b by Gaussian elimination with partial pivoting (the LU method of R's solve()).
 * Throws when A is singular to working precision, as solve() does.
 */
export function solveLinear(matrix: readonly (readonly number[])[], rhs: readonly number[]): number[] {
  // Work on augmented rows [A | b] so that a row swap moves its right-hand side with it.
  const rows = matrix.map((row, i) => [...row, rhs[i] ?? 0]);
  const size = rows.length;
  const scale = Math.max(0, ...matrix.flat().map(Math.abs));
  for (let col = 0; col < size; col++) {
    const p = pivotIndex(rows, col);
    const pivotRow = rows[p] ?? [];
    const pivot = pivotRow[col] ?? 0;
    if (!(Math.abs(pivot) > scale * size * Number.EPSILON)) {
      throw invalid('matrix', 'is singular to working precision, so the system has no unique solution');
    }
    rows[p] = rows[col] ?? [];
    rows[col] = pivotRow;
    for (const row of rows.slice(col + 1)) {
      const factor = (row[col] ?? 0) / pivot;
      for (let j = col; j <= size; j++) row[j] = (row[j] ?? 0) - factor * (pivotRow[j] ?? 0);
    }
  }
  const x = new Array<number>(size).fill(0);
  for (let r = size - 1; r >= 0; r--) {
    const row = rows[r] ?? [];
    let sum = row[size] ?? 0;
    for (let j = r + 1; j < size; j++) sum -= (row[j] ?? 0) * (x[j] ?? 0);
    x[r] = sum / (row[r] ?? 0);
  }
  return x;
}
