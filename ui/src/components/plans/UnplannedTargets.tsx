import { useState } from "react";
import { App, Button, Empty, Input, Space, Switch, Table, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { planApi, type ClientRow } from "../../api";
import { useClientPage } from "../../queries/clients";
import { usePlanCommand } from "../../queries/plans";
import { useExplain } from "../../queries/errors";

const PAGE_SIZES = [50, 200, 1000];

/**
 * 待建方案: the campaign's targets that have no plan yet (high-risk first if asked), chosen
 * across pages and given plans in one step — all of them or none.
 */
export default function UnplannedTargets({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const explain = useExplain();
  const command = usePlanCommand();
  const [highRisk, setHighRisk] = useState(true);
  const [page, setPage] = useState({ offset: 0, limit: 50 });
  const [search, setSearch] = useState("");
  const [chosen, setChosen] = useState<number[]>([]);
  const [goal, setGoal] = useState("");
  const query = { campaign_id: campaignId, lacking: "plan" as const, risk: highRisk ? ("any" as const) : null, search: search || null, ...page };
  const rows = useClientPage(query);

  const create = async () => {
    try {
      const made = await command.mutateAsync(() => planApi.createMany(campaignId, chosen, goal));
      message.success(t("plan.bulk.made", { count: made as number }));
      setChosen([]);
    } catch (e) {
      message.error(explain(e));
    }
  };

  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Space wrap>
        <Input.Search allowClear data-shortcut="search" placeholder={t("client.search")} style={{ width: 220 }} onSearch={(v) => { setSearch(v); setPage((p) => ({ ...p, offset: 0 })); }} />
        <Space size={6}>
          <Switch checked={highRisk} onChange={(v) => { setHighRisk(v); setPage((p) => ({ ...p, offset: 0 })); }} data-testid="unplanned-high-risk" />
          <Typography.Text>{t("plan.bulk.highRiskOnly")}</Typography.Text>
        </Space>
        <Input placeholder={t("plan.goal")} value={goal} onChange={(e) => setGoal(e.target.value)} maxLength={500} style={{ width: 260 }} />
        <Button type="primary" icon={<PlusOutlined />} disabled={chosen.length === 0} loading={command.isPending} onClick={() => void create()} data-testid="unplanned-create">
          {t("plan.bulk.create", { count: chosen.length })}
        </Button>
      </Space>
      <Table<ClientRow>
        size="small"
        rowKey="id"
        loading={rows.isFetching}
        dataSource={rows.data?.rows ?? []}
        data-testid="unplanned-table"
        rowSelection={{ selectedRowKeys: chosen, preserveSelectedRowKeys: true, onChange: (keys) => setChosen(keys as number[]) }}
        locale={{ emptyText: <Empty description={t("plan.bulk.empty")} /> }}
        pagination={{
          current: Math.floor(page.offset / page.limit) + 1,
          pageSize: page.limit,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          total: rows.data?.total ?? 0,
          showTotal: (total) => t("plan.bulk.total", { count: total }),
          onChange: (current, size) => setPage({ offset: size === page.limit ? (current - 1) * size : 0, limit: size }),
        }}
        scroll={{ x: 800 }}
        columns={[
          { title: t("client.code"), dataIndex: "code", width: 120 },
          { title: t("client.name"), dataIndex: "name", width: 260, ellipsis: { showTitle: true } },
          { title: t("client.team"), dataIndex: "team", width: 160, ellipsis: true },
          { title: t("client.manager"), dataIndex: "account_manager", width: 110 },
          { title: t("risk.label"), dataIndex: "risks", render: (risks: ClientRow["risks"]) => (
            <Space size={4}>{risks.map((r) => <Tag key={r} color="volcano" style={{ marginInlineEnd: 0 }}>{t(`risk.short.${r}`)}</Tag>)}</Space>
          ) },
        ]}
      />
    </Space>
  );
}
