import { useCallback, type ThHTMLAttributes } from "react";
import type { TableColumnType } from "antd";
import { useRemembered } from "./memory";

type HeaderProps = ThHTMLAttributes<HTMLTableCellElement> & { width?: number; onResize?: (width: number) => void };

const MIN_WIDTH = 56;

/** A header cell with a handle on its right edge: drag it to set the column's width. */
function ResizableHeaderCell({ width, onResize, children, style, ...rest }: HeaderProps) {
  if (!width || !onResize) return <th {...rest} style={style}>{children}</th>;
  const start = (e: React.PointerEvent<HTMLSpanElement>) => {
    e.preventDefault();
    e.stopPropagation();
    const from = e.clientX;
    const move = (m: PointerEvent) => onResize(Math.max(MIN_WIDTH, Math.round(width + m.clientX - from)));
    const stop = () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", stop);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", stop);
  };
  return (
    <th {...rest} style={{ ...style, position: "relative" }}>
      {children}
      <span className="column-resize" onPointerDown={start} onClick={(e) => e.stopPropagation()} aria-hidden />
    </th>
  );
}

export const resizableHeader = { header: { cell: ResizableHeaderCell } };

/**
 * The planner's column widths for one page's table, remembered between launches: `sized` gives
 * each keyed column with a width its stored width and a resize handle.
 */
export function useColumnWidths(page: string) {
  const [widths, setWidths] = useRemembered<Record<string, number>>(`${page}.widths`, {});
  const sized = useCallback(
    <R,>(columns: TableColumnType<R>[]): TableColumnType<R>[] =>
      columns.map((c) => {
        const key = c.key === undefined ? null : String(c.key);
        if (key === null || typeof c.width !== "number") return c;
        const width = widths[key] ?? c.width;
        return {
          ...c,
          width,
          onHeaderCell: () => ({ width, onResize: (w: number) => setWidths((all) => ({ ...all, [key]: w })) }) as HeaderProps,
        };
      }),
    [widths, setWidths],
  );
  return sized;
}
