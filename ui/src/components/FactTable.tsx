import type { Key, ReactNode } from "react";

/** One column of a FactTable: its heading, how a row shows in it, and which side it keeps to. */
export type FactColumn<T> = { key: string; title: ReactNode; render: (row: T) => ReactNode; align?: "right" };

/**
 * A small read-only table (counts, shares, one row per team) as plain HTML. The overview shows
 * half a dozen of these at once, and antd's Table measures its layout on mounting, which made
 * the overview slow to open; these need no sorting, paging or fixed columns.
 */
export default function FactTable<T>({ columns, rows, rowKey, testId, empty = "—" }: {
  columns: FactColumn<T>[];
  rows: T[];
  rowKey: (row: T) => Key;
  testId?: string;
  /** What the body says when there are no rows. */
  empty?: ReactNode;
}) {
  return (
    <div className="fact-table" data-testid={testId}>
      <table>
        <thead>
          <tr>{columns.map((c) => <th key={c.key} style={c.align ? { textAlign: c.align } : undefined}>{c.title}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => <td key={c.key} style={c.align ? { textAlign: c.align } : undefined}>{c.render(row)}</td>)}
            </tr>
          ))}
          {rows.length === 0 && <tr><td colSpan={columns.length} className="fact-table-empty">{empty}</td></tr>}
        </tbody>
      </table>
    </div>
  );
}
