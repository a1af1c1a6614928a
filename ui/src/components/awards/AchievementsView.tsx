import { useState } from "react";
import { Alert, App, Button, Card, DatePicker, Empty, Form, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from "antd";
import { DeleteOutlined, EditOutlined } from "@ant-design/icons";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { ApiError, type Achievement, type AchievementInput, type AchievementLogEntry, type AchievementQuery, type Person, type Team } from "../../api";
import { formatFen } from "../../format";
import { useAchievementChanges, useAchievementLog, useAchievementRules, useAchievements } from "../../queries/achievements";
import { showServerErrors } from "../serverErrors";
import AchievementFields, { inputOf, valuesOf, type AchievementValues } from "./AchievementFields";
import { known } from "../../known";

const PAGE = 20;
// Money, dates and counts never break inside a cell; long text ends in "…" with the whole in a title.
const nowrap = () => ({ style: { whiteSpace: "nowrap" as const } });
const LOG_PAGE = 10;

type Props = {
  campaignId: number;
  metrics: [string, string][];
  people: Person[];
  teams: Team[];
};

/**
 * 业绩记录 under the standings: closed until asked for, so the leaderboard opens without it.
 */
export default function AchievementsView(props: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Card title={t("achievements.title")} data-testid="achievements-view"
      extra={<Button onClick={() => setOpen(!open)} data-testid="achievements-toggle">{open ? t("achievements.hide") : t("achievements.show")}</Button>}>
      {open ? <AchievementsList {...props} /> : <Typography.Text type="secondary">{t("achievements.intro")}</Typography.Text>}
    </Card>
  );
}

/**
 * Every recorded achievement with filters and paging, corrected or deleted one at a time (both
 * logged, both refused once an award counting it is locked), and the log of changes.
 */
export function AchievementsList({ campaignId, metrics, people, teams }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [metric, setMetric] = useState<string | null>(null);
  const [team, setTeam] = useState<number | null>(null);
  const [person, setPerson] = useState<number | null>(null);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [logPage, setLogPage] = useState(1);
  const [editing, setEditing] = useState<Achievement | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [form] = Form.useForm<AchievementValues>();
  const query: AchievementQuery = {
    metric,
    team_id: team,
    person_id: person,
    client_id: null,
    from: range?.[0]?.format("YYYY-MM-DD") ?? null,
    until: range?.[1]?.format("YYYY-MM-DD") ?? null,
    limit: PAGE,
    offset: (page - 1) * PAGE,
  };
  const list = useAchievements(campaignId, query);
  const log = useAchievementLog(campaignId, LOG_PAGE, (logPage - 1) * LOG_PAGE);
  const rules = useAchievementRules(campaignId).data ?? null;
  const { correct, remove } = useAchievementChanges(campaignId);
  const filtered = metric !== null || team !== null || person !== null || range !== null;
  const metricName = (code: string) => metrics.find(([c]) => c === code)?.[1] ?? code;
  const teamName = (id: number | null) => teams.find((tm) => tm.id === id)?.name ?? t("common.none");
  const personName = (id: number | null) => people.find((p) => p.id === id)?.name ?? t("common.none");
  const shown = (e: unknown) => (e instanceof ApiError ? e.message_for(i18n.language) : String(e));
  // A new filter starts from the first page.
  const filter = <T,>(set: (v: T) => void) => (v: T) => { set(v); setPage(1); };

  const save = async () => {
    if (!editing) return;
    const v = await form.validateFields();
    try {
      await correct.mutateAsync({ id: editing.id, input: inputOf(v) });
      message.success(t("achievements.corrected"));
      setEditing(null);
    } catch (e) {
      const rest = showServerErrors(form, e, i18n.language);
      if (rest !== null) setFailure(rest);
    }
  };

  const del = async (a: Achievement) => {
    try {
      await remove.mutateAsync(a.id);
      message.success(t("achievements.deleted"));
    } catch (e) {
      setFailure(shown(e));
    }
  };

  const summary = (a: AchievementInput | null) =>
    a ? t("achievements.logLine", { metric: metricName(a.metric), date: a.date, who: a.person_id ? personName(a.person_id) : teamName(a.team_id), quantity: a.quantity, amount: formatFen(a.amount) }) : t("common.none");

  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  return (
    <>
      <Space direction="vertical" style={{ width: "100%" }}>
        {(failure || list.error) && (
          <Alert type="error" showIcon closable onClose={() => setFailure(null)} message={failure ?? shown(list.error)} />
        )}
        <Space wrap>
          <Select allowClear style={{ width: 180 }} placeholder={t("award.metric")} value={metric} onChange={filter((v: string | undefined) => setMetric(v ?? null))}
            options={metrics.map(([code, name]) => ({ value: code, label: name }))} data-testid="achievements-filter-metric" />
          <Select allowClear style={{ width: 180 }} placeholder={t("award.team")} value={team} onChange={filter((v: number | undefined) => setTeam(v ?? null))}
            options={teams.map((tm) => ({ value: tm.id, label: tm.name }))} />
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 160 }} placeholder={t("award.person")} value={person}
            onChange={filter((v: number | undefined) => setPerson(v ?? null))} options={people.map((p) => ({ value: p.id, label: p.name }))} />
          <DatePicker.RangePicker value={range} onChange={filter((v: [Dayjs | null, Dayjs | null] | null) => setRange(v))} />
        </Space>
        <Table<Achievement>
          rowKey="id"
          data-testid="achievements-table"
          size="small"
          loading={list.isLoading}
          dataSource={rows}
          locale={{ emptyText: <Empty description={filtered ? t("achievements.emptyFiltered") : t("achievements.empty")} /> }}
          pagination={{ current: page, pageSize: PAGE, total, showSizeChanger: false, onChange: setPage, showTotal: (n) => t("achievements.total", { count: n }) }}
          scroll={{ x: 1130 }}
          columns={[
            { title: t("award.date"), dataIndex: "date", width: 100, onCell: nowrap, onHeaderCell: nowrap },
            { title: t("award.metric"), dataIndex: "metric", width: 110, ellipsis: true, render: (m: string) => metricName(m) },
            { title: t("award.team"), dataIndex: "team", width: 130, ellipsis: true, render: (v: string | null) => v ?? t("common.none") },
            { title: t("award.person"), dataIndex: "person", width: 80, ellipsis: true, render: (v: string | null) => v ?? t("common.none") },
            { title: t("award.quantity"), dataIndex: "quantity", align: "right", width: 90, onCell: nowrap, onHeaderCell: nowrap },
            { title: t("award.amount"), dataIndex: "amount", align: "right", width: 130, onCell: nowrap, onHeaderCell: nowrap, render: (fen: number) => formatFen(fen) },
            { title: t("achievements.client"), key: "client", width: 170, ellipsis: true,
              render: (_, a) => (a.client_code ? `${a.client_code} ${a.client_name ?? ""}` : t("common.none")) },
            {
              title: t("achievements.industry"),
              dataIndex: "counted_industry",
              width: 100,
              ellipsis: { showTitle: false },
              render: (v: string | null, a) => (v ? <span title={v}>{v}{!a.client_id && <Tag style={{ marginLeft: 4 }}>{t("achievements.typed")}</Tag>}</span> : t("common.none")),
            },
            // The note takes what is left: at least 144 px within the scroll width.
            { title: t("achievements.note"), dataIndex: "note", ellipsis: true },
            {
              title: t("common.actions"),
              key: "actions",
              width: 76,
              fixed: "right",
              render: (_, a) => (
                <Space size={0}>
                  <Button type="link" size="small" icon={<EditOutlined />} aria-label={t("common.edit")} onClick={() => setEditing(a)} />
                  <Popconfirm title={t("achievements.confirmDelete")} okText={t("common.yes")} cancelText={t("common.no")} onConfirm={() => void del(a)}>
                    <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={t("common.delete")} />
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
        <Typography.Title level={5}>{t("achievements.logTitle")}</Typography.Title>
        <Table<AchievementLogEntry>
          rowKey="id"
          size="small"
          dataSource={log.data?.rows ?? []}
          locale={{ emptyText: <Empty description={t("achievements.logEmpty")} /> }}
          pagination={{ current: logPage, pageSize: LOG_PAGE, total: log.data?.total ?? 0, showSizeChanger: false, onChange: setLogPage, hideOnSinglePage: true }}
          columns={[
            { title: t("achievements.at"), dataIndex: "at", width: 160 },
            { title: t("achievements.author"), dataIndex: "author", width: 100, render: (a: string) => known(a) },
            { title: t("achievements.action"), dataIndex: "action", width: 80, render: (a: string) => <Tag color={a === "deleted" ? "red" : "blue"}>{t(`achievements.${a}Action`)}</Tag> },
            { title: t("achievements.before"), dataIndex: "before", render: (b: AchievementInput) => summary(b) },
            { title: t("achievements.after"), dataIndex: "after", render: (b: AchievementInput | null) => summary(b) },
          ]}
        />
      </Space>
      <Modal open={editing !== null} title={t("achievements.editTitle")} okText={t("common.save")} cancelText={t("common.cancel")}
        onOk={() => void save()} onCancel={() => setEditing(null)} destroyOnHidden>
        <Form key={editing?.id} form={form} layout="vertical" initialValues={editing ? valuesOf(editing) : undefined}>
          <AchievementFields campaignId={campaignId} metrics={metrics} people={people} teams={teams} rules={rules} current={editing} />
        </Form>
      </Modal>
    </>
  );
}
