import { Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { FibreChange, FibreStatus, TrackerVisit } from "../../api";

// Codes are read whole: they never break across lines.
const nowrap = (v: string) => <span style={{ whiteSpace: "nowrap" }}>{v}</span>;

/** The visits a returned 待走访 sheet records (new or corrected), listed before they are applied. */
export function VisitChanges({ visits }: { visits: TrackerVisit[] }) {
  const { t } = useTranslation();
  if (!visits.length) return null;
  return (
    <>
      <Typography.Text strong>{t("tracker.visitsTitle", { visits: t("tracker.visitCount", { count: visits.length }) })}</Typography.Text>
      <Table<TrackerVisit>
        size="small"
        rowKey={(v) => `${v.file}-${v.line}`}
        dataSource={visits}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 760 }}
        data-testid="tracker-visits"
        columns={[
          { title: t("tracker.file"), dataIndex: "file", width: 120, ellipsis: true },
          { title: t("tracker.row"), dataIndex: "line", width: 50, align: "right" },
          { title: t("tracker.client"), dataIndex: "client_code", width: 120, render: nowrap },
          { title: t("tracker.due"), dataIndex: "due", width: 110, render: nowrap },
          { title: t("tracker.visitDate"), dataIndex: "visited_on", width: 110, render: nowrap },
          {
            title: t("tracker.met"),
            dataIndex: "met",
            ellipsis: true,
            render: (v: string, row) => (
              <>
                <Typography.Text strong>{v}</Typography.Text>
                {row.corrects && <Typography.Text type="secondary">{t("common.clauseSep")}{t("tracker.visitCorrects")}</Typography.Text>}
              </>
            ),
          },
        ]}
      />
    </>
  );
}

/** The fibre preparation a returned 光纤准备 sheet moves, field by field. */
export function FibreChanges({ changes }: { changes: FibreChange[] }) {
  const { t } = useTranslation();
  if (!changes.length) return null;
  const value = (c: FibreChange, v: string) => (c.field === "status" ? t(`service.fibre.statuses.${v as FibreStatus}`) : v);
  return (
    <>
      <Typography.Text strong>{t("tracker.fibreTitle", { changes: t("tracker.fibreChanges", { count: changes.length }) })}</Typography.Text>
      <Table<FibreChange>
        size="small"
        rowKey={(c) => `${c.client_id}-${c.field}`}
        dataSource={changes}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 720 }}
        data-testid="tracker-fibre-changes"
        columns={[
          { title: t("tracker.file"), dataIndex: "file", width: 120, ellipsis: true },
          { title: t("tracker.row"), dataIndex: "line", width: 50, align: "right" },
          { title: t("tracker.client"), dataIndex: "client_code", width: 120, render: nowrap },
          { title: t("tracker.field"), dataIndex: "field", width: 130, render: (f: string) => t(`tracker.fibreFields.${f}`) },
          { title: t("tracker.from"), dataIndex: "from", ellipsis: true, render: (v: string, c) => value(c, v) || "—" },
          { title: t("tracker.to"), dataIndex: "to", ellipsis: true, render: (v: string, c) => <Typography.Text strong>{value(c, v) || "—"}</Typography.Text> },
        ]}
      />
    </>
  );
}
