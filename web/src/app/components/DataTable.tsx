import type { JSX, ReactNode } from 'react';
import { formatCsv } from '../../../../src/shared/csv.js';

export interface Column<R> {
  header: string;
  cell: (row: R) => ReactNode;
  /** The value written to the CSV; default: the cell when it is text or a number. */
  csv?: (row: R) => string | number | boolean | null;
  numeric?: boolean;
}

/** Saves text as a file through the browser (a Blob; nothing goes to the server). */
export function download(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A table with a caption and a "Download CSV" button that saves exactly the rows shown. */
export function DataTable<R>(props: {
  caption: ReactNode;
  columns: readonly Column<R>[];
  rows: readonly R[];
  rowKey: (row: R, index: number) => string;
  filename: string;
  captionHidden?: boolean;
}): JSX.Element {
  const csv = (): string =>
    formatCsv(
      props.columns.map((c) => c.header),
      props.rows.map((row) =>
        props.columns.map((c) => {
          if (c.csv !== undefined) return c.csv(row);
          const value = c.cell(row);
          return typeof value === 'string' || typeof value === 'number' ? value : null;
        }),
      ),
    );
  return (
    <div className="data-table">
      <div className="table-scroll">
        <table className="table">
          <caption className={props.captionHidden === true ? 'visually-hidden' : 'table-caption'}>
            {props.caption}
          </caption>
          <thead>
            <tr>
              {props.columns.map((c) => (
                <th key={c.header} scope="col" className={c.numeric === true ? 'numeric' : undefined}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row, i) => (
              <tr key={props.rowKey(row, i)}>
                {props.columns.map((c) => (
                  <td key={c.header} className={c.numeric === true ? 'numeric' : undefined}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        className="button button-small button-secondary no-print"
        onClick={() => download(props.filename, csv())}
      >
        Download CSV<span className="visually-hidden"> of {props.filename}</span>
      </button>
    </div>
  );
}
