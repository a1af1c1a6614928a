import { Button, Empty, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Warning, WarningStatus } from "../../api";
import { formatFen } from "../../format";
import { navigate } from "../../navigation";

const statusColor: Record<WarningStatus, string> = { to_contact: "red", contacted: "orange", retained: "green", lost: "default" };

// Below the fixed columns' widths plus this much for the evidence the table scrolls sideways
// instead of squeezing the evidence to a character per line.
const EVIDENCE_MIN = 320;
const WIDTHS = { raised: 100, client: 280, owner: 100, state: 136, actions: 250 };
const SCROLL_X = Object.values(WIDTHS).reduce((a, b) => a + b, EVIDENCE_MIN);

const nowrap = { whiteSpace: "nowrap" } as const;

/** The queue: evidence, owner and status of each warning, with the moves the core allows. */
export default function WarningTable({ rows, onMove }: { rows: Warning[] | null; onMove: (warning: Warning, to: WarningStatus) => void }) {
  const { t } = useTranslation();
  const money = (fen: number) => `${formatFen(fen)} ${t("common.yuan")}`;
  const reading = (period: string | null, r: Warning["before"]) =>
    `${period ? `${period} ` : ""}${r.in_network ? t("warning.inNetwork") : t("warning.outNetwork")} ${money(r.tariff)}`;
  // A fall names what it was measured against; the contract's fee has no period.
  const evidence = (w: Warning): [string, string] =>
    w.reason === "left"
      ? [reading(w.previous_period, w.before), reading(w.period, w.after)]
      : [`${t(`warning.comparison.${w.comparison}`)} ${w.previous_period ? `${w.previous_period} ` : ""}${money(w.before.tariff)}`, `${w.period} ${money(w.after.tariff)}`];
  return (
    <Table<Warning>
      size="small"
      rowKey="id"
      loading={rows === null}
      dataSource={rows ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("warning.empty")} /> }}
      scroll={{ x: SCROLL_X }}
      data-testid="warning-table"
      data-shortcut="rows"
      columns={[
        {
          title: t("warning.raised"),
          dataIndex: "raised_on",
          width: WIDTHS.raised,
          render: (d: string, w) => (
            <div style={nowrap}>
              <div>{d}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("warning.days", { count: w.age_days })}</Typography.Text>
            </div>
          ),
        },
        {
          title: t("warning.client"),
          width: WIDTHS.client,
          // The whole name (it wraps rather than vanishing), opening the client; code and contract below.
          render: (_, w) => (
            <>
              <Typography.Link onClick={() => navigate("clients", { client: String(w.client_id) })} data-testid={`warning-client-${w.id}`}>
                {w.client}
              </Typography.Link>
              <div><Typography.Text type="secondary" style={{ fontSize: 12, ...nowrap }}>{w.client_code} · {t("warning.contract")} {w.contract}</Typography.Text></div>
            </>
          ),
        },
        {
          title: t("warning.owner"),
          dataIndex: "owner",
          width: WIDTHS.owner,
          // A two-word header wraps between its words, not inside one.
          onHeaderCell: () => ({ style: { overflowWrap: "normal" } }),
          render: (v: string | null) => v ?? "—",
        },
        {
          title: t("warning.state"),
          width: WIDTHS.state,
          render: (_, w) => (
            <Space direction="vertical" size={4}>
              <Tag color={w.reason === "left" ? "volcano" : "gold"}>{t(`warning.reason.${w.reason}`)}</Tag>
              <Tag color={statusColor[w.status]}>{t(`warning.status.${w.status}`)}</Tag>
            </Space>
          ),
        },
        {
          title: t("warning.evidence"),
          // Before and after each stay on one line; a narrow column breaks only at the arrow.
          render: (_, w) => {
            const [before, after] = evidence(w);
            return <><span style={nowrap}>{before} →</span> <span style={nowrap}>{after}</span></>;
          },
        },
        {
          title: t("warning.actions"),
          width: WIDTHS.actions,
          // The moves stay in view while the evidence scrolls sideways on a narrow window.
          fixed: "right",
          render: (_, w) => (
            <Space size={4} wrap>
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
