import { useState } from "react";
import { App, Select, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ItemStatus, TeamPlanItem } from "../../api";
import { useTeamChanges, useTeamItems } from "../../queries/team";
import { useExplain } from "../../queries/errors";
import NoteModal from "./NoteModal";
import TeamTrackerBar from "./TeamTrackerBar";
import { outcomeOf } from "./statusChange";

const SIZE = 50;
const STATUSES: ItemStatus[] = ["not_started", "in_progress", "done", "blocked"];

/** 一户一案 items this account may see; their status moves on the version shown, and a change
 *  someone else made first is shown instead of being overwritten. */
export default function TeamItems({ campaignId, canEdit, canExchange = false }: { campaignId: number; canEdit: boolean; canExchange?: boolean }) {
  const { t } = useTranslation();
  const explain = useExplain();
  const { modal, message } = App.useApp();
  const [status, setStatus] = useState<ItemStatus | null>(null);
  const [page, setPage] = useState(1);
  const [blocking, setBlocking] = useState<TeamPlanItem | null>(null);
  const list = useTeamItems(campaignId, status, page, SIZE);
  const { itemStatus } = useTeamChanges();

  const move = async (item: TeamPlanItem, to: ItemStatus, reason = "") => {
    try {
      const { stale, row } = outcomeOf(await itemStatus.mutateAsync({ id: item.id, version: item.version, status: to, reason }));
      if (stale) {
        modal.warning({
          title: t("team.staleTitle"),
          content: t("team.staleItem", { title: row.title, client: row.client, status: t(`plan.statuses.${row.status}`) }),
        });
      } else {
        void message.success(t("team.saved"));
      }
    } catch (e) {
      modal.error({ title: t("team.notSaved"), content: explain(e) });
    }
  };

  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        <Select<ItemStatus | "all"> value={status ?? "all"} style={{ width: 160 }} data-testid="team-item-filter"
          onChange={(v) => { setStatus(v === "all" ? null : v); setPage(1); }}
          options={[{ value: "all", label: t("team.allStatuses") }, ...STATUSES.map((s) => ({ value: s, label: t(`plan.statuses.${s}`) }))]} />
        {canExchange && <TeamTrackerBar campaignId={campaignId} />}
      </Space>
      {list.error != null && <Typography.Text type="danger">{explain(list.error)}</Typography.Text>}
      <Table<TeamPlanItem>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.rows ?? []}
        locale={{ emptyText: t("team.noItems") }}
        pagination={{ current: page, pageSize: SIZE, total: Number(list.data?.total ?? 0), showSizeChanger: false, onChange: setPage, showTotal: (n) => t("team.total", { count: n }) }}
        columns={[
          { title: t("team.client"), dataIndex: "client", ellipsis: true },
          { title: t("team.item"), dataIndex: "title", width: 110 },
          { title: t("team.owner"), dataIndex: "owner", width: 90, render: (o: string | null) => o ?? "—" },
          { title: t("team.due"), dataIndex: "due", width: 170, render: (d: string, i) => <Space size={4} style={{ whiteSpace: "nowrap" }}>{d}{i.late && <Tag color="red">{t("team.late")}</Tag>}</Space> },
          {
            title: t("team.status"),
            dataIndex: "status",
            width: 150,
            render: (s: ItemStatus, item) =>
              canEdit ? (
                <Select<ItemStatus> size="small" value={s} style={{ width: 130 }} popupMatchSelectWidth={false} data-testid={`team-item-status-${item.id}`} disabled={itemStatus.isPending}
                  onChange={(to) => (to === "blocked" ? setBlocking(item) : void move(item, to))}
                  options={STATUSES.map((x) => ({ value: x, label: t(`plan.statuses.${x}`) }))} />
              ) : (
                t(`plan.statuses.${s}`)
              ),
          },
        ]}
        data-testid="team-items"
      />
      {blocking && (
        <NoteModal title={t("team.blockedReason")} onCancel={() => setBlocking(null)}
          onOk={(reason) => { const item = blocking; setBlocking(null); void move(item, "blocked", reason); }} />
      )}
    </>
  );
}
