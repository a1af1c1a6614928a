import { useEffect, useState } from "react";
import { Alert, App, Button, Empty, Input, Select, Space, Table, Tag, Typography } from "antd";
import { ExportOutlined, ImportOutlined, PlusOutlined, SwapOutlined, UndoOutlined } from "@ant-design/icons";
import { Popconfirm } from "antd";
import type { SorterResult } from "antd/es/table/interface";
import { useTranslation } from "react-i18next";
import { clientListApi, trackerApi, type Category, type ClientDetail, type ClientQuery, type ClientRow, type ClientSort, type Lacking, type RiskFilter, type Tier } from "../api";
import { useClient, useClientPage, useClientsImported, useDeleteClient, useImportBatches, useUndoImport } from "../queries/clients";
import { usePeople, useTeams } from "../queries/campaigns";
import { useExplain, useServerError } from "../queries/errors";
import { formatFen } from "../format";
import ClientForm from "../components/ClientForm";
import ClientDrawer from "../components/ClientDrawer";
import ImportDialog from "../components/ImportDialog";
import ReassignModal from "../components/org/ReassignModal";
import { paramOf, setParams, useLocationSearch } from "../navigation";
import { useRemembered } from "../components/table/memory";
import { resizableHeader, useColumnWidths } from "../components/table/resizable";

const PAGE_SIZE = 50;
const CATEGORY_COLORS: Record<Category, string> = { strategic: "red", local_key: "orange", campus: "blue", sme: "default" };
const RISKS: RiskFilter[] = ["any", "expiring", "high_spend", "high_price"];
const LACKING: Lacking[] = ["subsidy", "plan", "fibre"];

/** The client table: every filter, sort and page is answered by the core in SQL. With no
 *  campaign (clients imported before one exists) it lists every client. The risk flag and the
 *  gap (high-risk targets still without a subsidy, a plan or fibre) are the URL's
 *  (`?area=clients&risk=any&lacking=plan`), so the overview can open the list filtered. */
export default function Clients({ campaignId }: { campaignId: number | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  // Sort and filters are the planner's between launches; the page starts at the first.
  const [remembered, setRemembered] = useRemembered<ClientQuery>("clients.query", { campaign_id: campaignId, offset: 0, limit: PAGE_SIZE, sort: "code" });
  // What was typed into the search box, and the page, are this visit's, not kept for the next launch.
  const [typed, setTyped] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const query: ClientQuery = { ...remembered, search: typed, offset };
  const setQuery = (update: ClientQuery | ((q: ClientQuery) => ClientQuery)) => {
    const next = typeof update === "function" ? update(query) : update;
    setOffset(next.offset ?? 0);
    setTyped(next.search ?? null);
    setRemembered({ ...next, offset: 0, search: null });
  };
  const sized = useColumnWidths("clients");
  // Another campaign keeps the filters and starts at the first page. Adjusted while rendering, not
  // in an effect, so no request goes out for the old campaign's query.
  if (query.campaign_id !== campaignId) setQuery((q) => ({ ...q, campaign_id: campaignId, offset: 0 }));
  const search = useLocationSearch();
  const risk = paramOf(search, "risk", RISKS);
  const lacking = paramOf(search, "lacking", LACKING);
  const shown: ClientQuery = { ...query, risk, lacking };
  const pageQuery = useClientPage(shown);
  const page = pageQuery.data ?? null;
  const teamsQuery = useTeams();
  const peopleQuery = usePeople();
  const teams = teamsQuery.data ?? [];
  const people = peopleQuery.data ?? [];
  // Another page can open a client here (?area=clients&client=ID): its drawer opens over the list.
  const linked = Number(new URLSearchParams(search).get("client")) || null;
  const [opened, setOpenedState] = useState<number | null>(linked);
  const [seenLink, setSeenLink] = useState(linked);
  if (linked !== seenLink) {
    setSeenLink(linked);
    if (linked) setOpenedState(linked);
  }
  const setOpened = (id: number | null) => {
    setOpenedState(id);
    if (id === null && linked) setParams({ client: null });
  };
  const detailQuery = useClient(opened);
  const detail = opened === null ? null : detailQuery.data ?? null;
  const [editing, setEditing] = useState<ClientDetail | "new" | null>(null);
  const [importing, setImporting] = useState(false);
  const [reassigning, setReassigning] = useState(false);
  const lastImport = useImportBatches().data?.find((x) => !x.undone_at) ?? null;
  const undo = useUndoImport();
  const deleteClient = useDeleteClient();
  const explain = useExplain();
  const imported = useClientsImported();

  // Keyed by the query, a late answer to an earlier one lands in its own entry and never shows
  // here. The table is loading until the current query (or its refresh) is answered.
  const loading = pageQuery.isFetching;
  const { failure } = useServerError(pageQuery.error, teamsQuery.error, peopleQuery.error);
  const reload = () => {
    void pageQuery.refetch();
    if (teamsQuery.error) void teamsQuery.refetch();
    if (peopleQuery.error) void peopleQuery.refetch();
  };
  useEffect(() => {
    if (detailQuery.error) message.error(explain(detailQuery.error));
  }, [detailQuery.error, explain, message]);

  const undoImport = async () => {
    try {
      const undone = await undo.mutateAsync();
      message.success(t("import.undone", { file: undone.file }));
    } catch (e) {
      message.error(explain(e));
    }
  };

  const filter = (patch: Partial<ClientQuery>) => setQuery((q) => ({ ...q, ...patch, offset: 0 }));
  const filterUrl = (patch: { risk?: RiskFilter | null; lacking?: Lacking | null }) => {
    setParams(patch);
    setQuery((q) => ({ ...q, offset: 0 }));
  };

  // Rows written so far while the filtered list is exported; null when no export runs.
  const [exported, setExported] = useState<number | null>(null);
  const exportList = async () => {
    try {
      const target = await trackerApi.pickTarget(t("client.exportFile"), false);
      if (!target) return;
      setExported(0);
      const rows = await clientListApi.export(shown, target.token, setExported);
      message.success(t("client.exported", { count: rows, file: target.names[0] ?? "" }));
    } catch (e) {
      message.error(explain(e));
    } finally {
      setExported(null);
    }
  };

  const remove = async (client: ClientDetail) => {
    try {
      await deleteClient.mutateAsync(client.id);
      setOpened(null);
      message.success(t("common.deleted"));
    } catch (e) {
      message.error(explain(e));
    }
  };

  const sortOrder = (key: ClientSort) => (query.sort === key ? (query.descending ? "descend" : "ascend") : null);
  const managers = people.filter((p) => p.is_account_manager && (query.team_id == null || p.team_id === query.team_id));

  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 12 }}>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t("client.search")}
          style={{ width: 220 }}
          onSearch={(v) => {
            setQuery((q) => ({ ...q, search: v || null, offset: 0 }));
          }}
          data-testid="client-search"
          data-shortcut="search"
        />
        <Select allowClear placeholder={t("category.label")} style={{ width: 150 }} value={query.category ?? undefined}
          onChange={(v: Category | undefined) => filter({ category: v ?? null })}
          options={(["strategic", "local_key", "campus", "sme"] as const).map((c) => ({ value: c, label: t(`category.${c}`) }))} />
        <Select allowClear placeholder={t("tier.label")} style={{ width: 110 }} value={query.tier ?? undefined}
          onChange={(v: Tier | undefined) => filter({ tier: v ?? null })}
          options={(["A", "B", "C"] as const).map((c) => ({ value: c, label: t(`tier.${c}`) }))} />
        <Select allowClear placeholder={t("client.team")} style={{ width: 180 }} value={query.team_id ?? undefined}
          onChange={(v: number | undefined) => filter({ team_id: v ?? null, account_manager_id: null })}
          options={teams.map((tm) => ({ value: tm.id, label: tm.name }))} />
        <Select allowClear showSearch optionFilterProp="label" placeholder={t("client.manager")} style={{ width: 140 }}
          value={query.account_manager_id ?? undefined}
          onChange={(v: number | undefined) => filter({ account_manager_id: v ?? null })}
          options={managers.map((p) => ({ value: p.id, label: p.name }))} />
        <Select allowClear placeholder={t("risk.label")} style={{ width: 160 }} value={risk ?? undefined}
          onChange={(v: RiskFilter | undefined) => filterUrl({ risk: v ?? null })}
          options={RISKS.map((r) => ({ value: r, label: t(`risk.${r}`) }))}
          data-testid="risk-filter" />
        {campaignId !== null && (
          <Select allowClear placeholder={t("lacking.label")} style={{ width: 160 }} value={lacking ?? undefined}
            onChange={(v: Lacking | undefined) => filterUrl({ lacking: v ?? null })}
            options={LACKING.map((l) => ({ value: l, label: t(`lacking.${l}`) }))}
            data-testid="lacking-filter" />
        )}
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="client-new">{t("client.new")}</Button>
        <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="import-open">{t("import.open")}</Button>
        <Button icon={<ExportOutlined />} disabled={!page?.total} loading={exported !== null} onClick={() => void exportList()} data-testid="client-export">
          {exported ? t("client.exporting", { count: exported }) : t("client.export")}
        </Button>
        <Button icon={<SwapOutlined />} disabled={!page?.total} onClick={() => setReassigning(true)} data-testid="reassign-open">{t("org.reassign.open")}</Button>
        {lastImport && (
          <Popconfirm title={t("import.undoConfirm", { file: lastImport.file })} okText={t("import.undo")} cancelText={t("common.no")} onConfirm={() => void undoImport()}>
            <Button icon={<UndoOutlined />} data-testid="import-undo">{t("import.undo")}</Button>
          </Popconfirm>
        )}
      </Space>
      {campaignId !== null && (risk || lacking) && (
        <Space wrap data-testid="client-url-filters">
          {risk && (
            <Tag closable color="volcano" onClose={() => filterUrl({ risk: null })} data-testid="risk-tag">
              {t("lacking.riskTag", { what: t(`risk.${risk}`) })}
            </Tag>
          )}
          {lacking && (
            <Tag closable color="gold" onClose={() => filterUrl({ lacking: null })} data-testid="lacking-tag">
              {t("lacking.tag", { what: t(`lacking.${lacking}`) })}
            </Tag>
          )}
        </Space>
      )}
      {failure && <Alert type="error" showIcon message={t("error.load")} description={failure} action={<Button onClick={reload}>{t("common.retry")}</Button>} />}
      <Table<ClientRow>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={page?.rows ?? []}
        data-testid="client-table"
        data-shortcut="rows"
        tableLayout="fixed"
        scroll={{ x: 1432 }}
        locale={{ emptyText: <Empty description={t("client.empty")} /> }}
        onRow={(r) => ({ onClick: () => setOpened(r.id), style: { cursor: "pointer" } })}
        pagination={{
          current: Math.floor((query.offset ?? 0) / PAGE_SIZE) + 1,
          pageSize: PAGE_SIZE,
          total: page?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => <Typography.Text data-testid="client-total">{t("client.total", { total })}</Typography.Text>,
        }}
        onChange={(pagination, _filters, sorter) => {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<ClientRow>;
          const key = (s.order ? s.columnKey : "code") as ClientSort;
          setQuery((q) => ({
            ...q,
            sort: key,
            descending: s.order === "descend",
            offset: key === q.sort && (s.order === "descend") === !!q.descending ? ((pagination.current ?? 1) - 1) * PAGE_SIZE : 0,
          }));
        }}
        components={resizableHeader}
        columns={sized<ClientRow>([
          { key: "code", title: t("client.code"), dataIndex: "code", sorter: true, sortOrder: sortOrder("code"), width: 118 },
          { key: "name", title: t("client.name"), dataIndex: "name", sorter: true, sortOrder: sortOrder("name"), width: 260, ellipsis: { showTitle: true } },
          { key: "category", title: t("category.label"), dataIndex: "category", sorter: true, sortOrder: sortOrder("category"), width: 126,
            render: (c: Category) => <Tag color={CATEGORY_COLORS[c]}>{t(`category.${c}`)}</Tag> },
          { key: "tier", title: t("tier.label"), dataIndex: "tier", sorter: true, sortOrder: sortOrder("tier"), width: 108, render: (v: Tier) => t(`tier.${v}`) },
          { key: "industry", title: t("client.industry"), dataIndex: "industry", sorter: true, sortOrder: sortOrder("industry"), width: 110, ellipsis: true },
          { key: "district", title: t("client.district"), dataIndex: "district", sorter: true, sortOrder: sortOrder("district"), width: 90, ellipsis: true },
          { key: "team", title: t("client.team"), dataIndex: "team", sorter: true, sortOrder: sortOrder("team"), ellipsis: true, width: 150 },
          { key: "account_manager", title: t("client.manager"), dataIndex: "account_manager", sorter: true, sortOrder: sortOrder("account_manager"), width: 110, ellipsis: true },
          { key: "monthly_fee", title: t("client.monthlyFee"), dataIndex: "monthly_fee", align: "right", width: 130, render: formatFen },
          // Each reason in words, not a count to hover over.
          { key: "risks", title: t("risk.label"), dataIndex: "risks", width: 230,
            render: (risks: ClientRow["risks"]) => (
              <Space size={4} wrap={false} data-testid="client-row-risks">
                {risks.map((r) => <Tag key={r} color="volcano" style={{ marginInlineEnd: 0 }}>{t(`risk.short.${r}`)}</Tag>)}
              </Space>
            ) },
        ])}
      />
      {detail && (
        <ClientDrawer client={detail} campaignId={campaignId} onClose={() => setOpened(null)} onEdit={() => {
            // The form takes the drawer's place rather than opening over it; closing it brings the drawer back.
            setOpened(null);
            setEditing(detail);
          }} onDelete={() => void remove(detail)}
          onError={(e) => message.error(explain(e))} />
      )}
      {reassigning && (
        <ReassignModal query={shown} scope={t("org.reassign.ofFilter", { count: page?.total ?? 0 })} onClose={() => setReassigning(false)} />
      )}
      {importing && (
        <ImportDialog campaignId={campaignId} onClose={() => setImporting(false)}
          onImported={() => void imported()} />
      )}
      {editing && (
        <ClientForm
          client={editing === "new" ? null : editing}
          campaignId={campaignId}
          teams={teams}
          people={people}
          onClose={() => {
            if (editing !== "new") setOpened(editing.id);
            setEditing(null);
          }}
          onSaved={(saved) => {
            setEditing(null);
            setOpened(saved.id);
            message.success(t("common.saved"));
          }}
        />
      )}
    </div>
  );
}
