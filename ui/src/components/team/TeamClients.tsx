import { useState } from "react";
import { Descriptions, Drawer, Input, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { TeamClient } from "../../api";
import { useTeamClient, useTeamClients } from "../../queries/team";
import { useExplain } from "../../queries/errors";

const SIZE = 50;

/** The clients this account may see, a page at a time from the server; a row opens its key persons. */
export default function TeamClients({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const explain = useExplain();
  const [text, setText] = useState("");
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const list = useTeamClients(campaignId, text, page, SIZE);
  const detail = useTeamClient(open);
  return (
    <>
      <Input.Search allowClear placeholder={t("team.searchClients")} style={{ maxWidth: 360, marginBottom: 16 }} data-testid="team-client-search"
        onSearch={(v) => { setText(v.trim()); setPage(1); }} />
      {list.error != null && <Typography.Text type="danger">{explain(list.error)}</Typography.Text>}
      <Table<TeamClient>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.rows ?? []}
        locale={{ emptyText: text ? t("team.noMatch") : t("team.noClients") }}
        onRow={(c) => ({ onClick: () => setOpen(c.id), style: { cursor: "pointer" } })}
        pagination={{ current: page, pageSize: SIZE, total: Number(list.data?.total ?? 0), showSizeChanger: false, onChange: setPage, showTotal: (n) => t("team.total", { count: n }) }}
        columns={[
          { title: t("team.code"), dataIndex: "code", width: 120 },
          { title: t("team.client"), dataIndex: "name", ellipsis: true },
          { title: t("team.district"), dataIndex: "district", width: 110 },
          { title: t("team.manager"), dataIndex: "manager", width: 110, render: (m: string | null) => m ?? "—" },
        ]}
        data-testid="team-clients"
      />
      <Drawer open={open != null} onClose={() => setOpen(null)} title={detail.data?.name ?? ""} width={420} data-testid="team-client-drawer">
        {detail.error != null && <Typography.Text type="danger">{explain(detail.error)}</Typography.Text>}
        {detail.data && (
          <>
            <Descriptions size="small" column={1} items={[
              { key: "code", label: t("team.code"), children: detail.data.code },
              { key: "district", label: t("team.district"), children: detail.data.district },
              { key: "manager", label: t("team.manager"), children: detail.data.manager ?? "—" },
            ]} />
            <Typography.Title level={5} style={{ marginTop: 16 }}>{t("team.keyPersons")}</Typography.Title>
            <Table rowKey="id" size="small" pagination={false} dataSource={detail.data.key_persons} locale={{ emptyText: t("team.noKeyPersons") }}
              columns={[
                { title: t("team.name"), dataIndex: "name" },
                { title: t("team.title"), dataIndex: "title" },
                { title: t("team.phone"), dataIndex: "phone", render: (p: string) => <span data-testid="team-phone">{p}</span> },
              ]} />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t("team.maskHelp")}</Typography.Paragraph>
          </>
        )}
      </Drawer>
    </>
  );
}
