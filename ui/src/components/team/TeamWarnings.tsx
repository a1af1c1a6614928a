import { useState } from "react";
import { App, Select, Switch, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { TeamWarning, WarningStatus } from "../../api";
import { formatFen } from "../../format";
import { useTeamChanges, useTeamWarnings } from "../../queries/team";
import { useExplain } from "../../queries/errors";
import NoteModal from "./NoteModal";
import { outcomeOf } from "./statusChange";

const SIZE = 50;

/** Broadband warnings in this account's reach, worked through their workflow on the version shown. */
export default function TeamWarnings({ campaignId, canEdit }: { campaignId: number; canEdit: boolean }) {
  const { t } = useTranslation();
  const explain = useExplain();
  const { modal, message } = App.useApp();
  const [open, setOpen] = useState(true);
  const [page, setPage] = useState(1);
  const [losing, setLosing] = useState<TeamWarning | null>(null);
  const list = useTeamWarnings(campaignId, open, page, SIZE);
  const { warningStatus } = useTeamChanges();

  const move = async (w: TeamWarning, to: WarningStatus, note = "") => {
    try {
      const { stale, row } = outcomeOf(await warningStatus.mutateAsync({ id: w.id, version: w.version, status: to, note }));
      if (stale) modal.warning({ title: t("team.staleTitle"), content: t("team.staleWarning", { client: row.client, status: t(`warning.status.${row.status}`) }) });
      else void message.success(t("team.saved"));
    } catch (e) {
      modal.error({ title: t("team.notSaved"), content: explain(e) });
    }
  };

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Switch checked={open} onChange={(v) => { setOpen(v); setPage(1); }} data-testid="team-warnings-open" />
        <Typography.Text>{t("team.openOnly")}</Typography.Text>
      </Space>
      {list.error != null && <Typography.Text type="danger">{explain(list.error)}</Typography.Text>}
      <Table<TeamWarning>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.rows ?? []}
        locale={{ emptyText: t("team.noWarnings") }}
        pagination={{ current: page, pageSize: SIZE, total: Number(list.data?.total ?? 0), showSizeChanger: false, onChange: setPage, showTotal: (n) => t("team.total", { count: n }) }}
        columns={[
          { title: t("team.client"), dataIndex: "client", ellipsis: true },
          { title: t("team.reason"), dataIndex: "reason", width: 90, render: (r: string) => t(`warning.reason.${r}`) },
          { title: t("team.tariff"), key: "tariff", width: 190, render: (_, w) => `${formatFen(Number(w.before))} → ${formatFen(Number(w.after))} ${t("team.yuan")}` },
          { title: t("team.raised"), dataIndex: "raised_on", width: 110 },
          {
            title: t("team.status"),
            dataIndex: "status",
            width: 150,
            render: (s: WarningStatus, w) =>
              canEdit ? (
                <Select<WarningStatus> size="small" value={s} style={{ width: 130 }} popupMatchSelectWidth={false} data-testid={`team-warning-status-${w.id}`} disabled={warningStatus.isPending}
                  onChange={(to) => (to === "lost" ? setLosing(w) : void move(w, to))}
                  options={[s, ...w.next_statuses].map((x) => ({ value: x, label: t(`warning.status.${x}`), disabled: x === s }))} />
              ) : (
                t(`warning.status.${s}`)
              ),
          },
        ]}
        data-testid="team-warnings"
      />
      {losing && (
        <NoteModal title={t("team.lostNote")} onCancel={() => setLosing(null)}
          onOk={(note) => { const w = losing; setLosing(null); void move(w, "lost", note); }} />
      )}
    </>
  );
}
