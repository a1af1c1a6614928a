import type { CSSProperties } from "react";
import { Table } from "antd";
import { useTranslation } from "react-i18next";
import type { ImportProblem } from "../api";

export interface ProblemTableLayout {
  /** The header wording of the dialog it is in: "import" says 行/Line, "tracker" 行/Row. */
  labels: "import" | "tracker";
  pageSize: number;
  hideOnSinglePage?: boolean;
  /** Widths of the line, column and value columns. */
  widths: [number, number, number];
  style?: CSSProperties;
}

/**
 * A checked file's problems, one row per cell: line, column, value and the core's message in
 * the UI's language. `where` adds the file and sheet, for several returned workbooks.
 */
export default function ProblemTable<P extends ImportProblem & { file?: string; sheet?: string }>({ problems, labels, pageSize, hideOnSinglePage, widths, style, where }: ProblemTableLayout & {
  problems: P[];
  where?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith("zh");
  const heads = labels === "import" ? ["import.line", "import.column", "import.value", "import.problem"] : ["tracker.row", "tracker.column", "tracker.value", "tracker.problem"];
  const place = where
    ? [{ title: t("tracker.file"), dataIndex: "file", width: 180, ellipsis: true }, { title: t("tracker.sheet"), dataIndex: "sheet", width: 100 }]
    : [];
  return (
    <Table<P>
      size="small"
      style={style}
      rowKey={(p) => `${p.file ?? ""}-${p.sheet ?? ""}-${p.line}-${p.column}-${p.message_en}`}
      dataSource={problems}
      pagination={{ pageSize, hideOnSinglePage }}
      columns={[
        ...place,
        { title: t(heads[0]), dataIndex: "line", width: widths[0], align: where ? "right" : undefined },
        { title: t(heads[1]), dataIndex: "column", width: widths[1] },
        { title: t(heads[2]), dataIndex: "value", width: widths[2], ellipsis: true },
        { title: t(heads[3]), render: (_, p) => (zh ? p.message_zh : p.message_en) },
      ]}
    />
  );
}
