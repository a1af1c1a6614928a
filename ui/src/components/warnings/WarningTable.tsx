import { Button, Empty, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Warning, WarningStatus } from "../../api";
import { formatFen } from "../../format";

const statusColor: Record<WarningStatus, string> = { to_contact: "red", contacted: "orange", retained: "green", lost: "default" };

/** The queue: evidence, owner and status of each warning, with the moves the core allows. */
export default function WarningTable({ rows, onMove }: { rows: Warning[] | null; onMove: (warning: Warning, to: WarningStatus) => void }) {
  const { t } = useTranslation();
  const reading = (period: string | null, r: Warning["before"]) =>
    `${period ? `${period} ` : ""}${r.in_network ? t("warning.inNetwork") : t("warning.outNetwork")} ${formatFen(r.tariff)}`;
  // A fall names what it was measured against; the contract's fee has no period.
  const evidence = (w: Warning) =>
    w.reason === "left"
      ? `${reading(w.previous_period, w.before)} → ${reading(w.period, w.after)}`
      : `${t(`warning.comparison.${w.comparison}`)} ${w.previous_period ? `${w.previous_period} ` : ""}${formatFen(w.before.tariff)} → ${w.period} ${formatFen(w.after.tariff)}`;
  return (
    <Table<Warning>
      size="small"
      rowKey="id"
      loading={rows === null}
      dataSource={rows ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("warning.empty")} /> }}
      data-testid="warning-table"
      columns={[
        {
          title: t("warning.raised"),
          dataIndex: "raised_on",
          width: 110,
          render: (d: string, w) => (
            <>
              <div>{d}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("warning.days", { count: w.age_days })}</Typography.Text>
            </>
          ),
        },
        {
          title: t("warning.client"),
          width: 210,
          ellipsis: true,
          render: (_, w) => (
            <>
              <div style={{ overflow: "hidden", textOverflow: "ellipsis" }}>{w.client_code} {w.client}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("warning.contract")} {w.contract}</Typography.Text>
            </>
          ),
        },
        { title: t("warning.owner"), dataIndex: "owner", width: 80, render: (v: string | null) => v ?? "—" },
        { title: "", dataIndex: "reason", width: 88, render: (r: Warning["reason"]) => <Tag color={r === "left" ? "volcano" : "gold"}>{t(`warning.reason.${r}`)}</Tag> },
        { title: t("warning.evidence"), render: (_, w) => evidence(w) },
        { title: "", dataIndex: "status", width: 76, render: (s: WarningStatus) => <Tag color={statusColor[s]}>{t(`warning.status.${s}`)}</Tag> },
        {
          title: t("warning.actions"),
          width: 196,
          render: (_, w) => (
            <Space size={4}>
              {w.next_statuses.map((to) => (
                <Button key={to} size="small" onClick={() => onMove(w, to)} data-testid={`warning-${w.id}-${to}`}>
                  {t(`warning.status.${to}`)}
                </Button>
              ))}
            </Space>
          ),
        },
      ]}
    />
  );
}
