import { useState } from "react";
import { Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { AuditEntry } from "../../api";
import { useTeamAudit } from "../../queries/team";
import { useExplain } from "../../queries/errors";

const SIZE = 50;

/** The value of a row before or after, as its status in the reader's language. */
function statusOf(row: unknown, entity: string, t: (k: string) => string): string {
  const status = row && typeof row === "object" && "status" in row ? String((row as { status: unknown }).status) : "";
  if (!status) return "—";
  return t(entity === "warning" ? `warning.status.${status}` : `plan.statuses.${status}`);
}

/** Who changed what and when, newest first (province roles only). */
export default function TeamAudit() {
  const { t } = useTranslation();
  const explain = useExplain();
  const [page, setPage] = useState(1);
  const audit = useTeamAudit(page, SIZE);
  return (
    <>
      {audit.error != null && <Typography.Text type="danger">{explain(audit.error)}</Typography.Text>}
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={audit.isFetching}
        dataSource={audit.data?.rows ?? []}
        locale={{ emptyText: t("team.noAudit") }}
        pagination={{ current: page, pageSize: SIZE, total: Number(audit.data?.total ?? 0), showSizeChanger: false, onChange: setPage, showTotal: (n) => t("team.total", { count: n }) }}
        columns={[
          { title: t("team.when"), dataIndex: "at", width: 170, render: (at: string) => new Date(at).toLocaleString() },
          { title: t("team.who"), dataIndex: "account", width: 100 },
          { title: t("team.what"), key: "what", render: (_, a) => t(`team.auditActions.${a.action}`, { defaultValue: a.action }) },
          { title: t("team.row"), key: "row", width: 140, render: (_, a) => `${t(`team.entities.${a.entity}`, { defaultValue: a.entity })} #${a.entity_id}` },
          { title: t("team.change"), key: "change", width: 200, render: (_, a) => `${statusOf(a.before, a.entity, t)} → ${statusOf(a.after, a.entity, t)}` },
        ]}
        data-testid="team-audit"
      />
    </>
  );
}
