import { App, Alert, Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from "antd";
import { ImportOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { trackerApi, type ApplyReport, type IgnoredEdit, type ItemStatus, type TrackerChange, type WarningChange, type WarningStatus } from "../../api";
import { useCheckedImport } from "../../queries/checkedImport";
import { usePlansChanged } from "../../queries/plans";
import { invalidateAreas } from "../../queries/client";
import { useQueryClient } from "@tanstack/react-query";
import ProblemTable from "../ProblemTable";
import { FibreChanges, VisitChanges } from "./ServiceChanges";

const PLAN_STATUSES: ItemStatus[] = ["not_started", "in_progress", "done", "blocked"];
// Codes and contract numbers are read whole: they never break across lines.
const nowrap = (v: string) => <span style={{ whiteSpace: "nowrap" }}>{v}</span>;

/**
 * Returned trackers: picked, checked without writing (problems, locked cells edited, the
 * changes and new achievements), then applied only after confirmation.
 */
export default function TrackerReturn({ onStart, onError }: { onStart: () => void; onError: (e: unknown) => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const plansChanged = usePlansChanged();
  const client = useQueryClient();
  const flow = useCheckedImport<ApplyReport>({
    check: (files) => trackerApi.apply(files, true),
    apply: (files) => trackerApi.apply(files, false),
    onError,
  });
  const { busy } = flow;
  const preview = flow.applied ? null : flow.report;

  const pickReturned = async () => {
    onStart();
    await flow.pickAndCheck(trackerApi.pickReturned);
  };

  const applyNow = async () => {
    const report = await flow.apply();
    if (!report) return;
    message.success(t("tracker.applied", { list: counts(report) }));
    flow.reset();
    // Item edits change the plans; achievements move the standings; the 预警 sheet moves
    // warnings; visits and fibre preparation are the 服务 page's.
    void plansChanged();
    void invalidateAreas(client, null, ["warnings", "service"]);
  };

  const fresh = preview ? preview.achievements.filter((a) => !a.already_applied) : [];
  const skipped = preview ? preview.achievements.length - fresh.length : 0;
  const freshVisits = preview ? preview.visits.filter((v) => !v.already_applied) : [];
  const skippedVisits = preview ? preview.visits.length - freshVisits.length : 0;
  const nothing =
    preview && !preview.problems.length && !preview.changes.length && !preview.warning_changes.length && !fresh.length && !freshVisits.length && !preview.fibre_changes.length;
  // A status travels as its code; shown in the planner's language.
  const warningValue = (c: WarningChange, v: string) => (c.field === "status" ? t(`warning.status.${v as WarningStatus}`) : v);
  // A plan item's status arrives as the tracker's Chinese label; found by its code, it reads in the planner's language.
  const zh = i18n.getFixedT("zh-CN");
  const planValue = (c: TrackerChange, v: string) => {
    const code = c.field === "status" ? PLAN_STATUSES.find((s) => zh(`plan.statuses.${s}`) === v) : undefined;
    return code ? t(`plan.statuses.${code}`) : v;
  };
  // Each kind of change counted on its own, each in the planner's language and number; visits
  // and fibre only when the return has some.
  const counts = (r: ApplyReport) => {
    const visits = r.visits.filter((v) => !v.already_applied).length;
    const parts = [t("tracker.planChanges", { count: r.changes.length }), t("tracker.warningChanges", { count: r.warning_changes.length })];
    if (visits) parts.push(t("tracker.visitCount", { count: visits }));
    if (r.fibre_changes.length) parts.push(t("tracker.fibreChanges", { count: r.fibre_changes.length }));
    parts.push(t("tracker.newAchievementCount", { count: r.achievements.filter((a) => !a.already_applied).length }));
    return `${parts.slice(0, -1).join(t("common.listSep"))}${t("tracker.lastSep")}${parts[parts.length - 1]}`;
  };

  return (
    <Card title={t("tracker.returnTitle")}>
      <Typography.Paragraph type="secondary">{t("tracker.returnHelp")}</Typography.Paragraph>
      <Button icon={<ImportOutlined />} onClick={() => void pickReturned()} loading={busy && !preview} data-testid="tracker-pick">
        {t("tracker.pickReturned")}
      </Button>
      {!preview && <Empty style={{ marginTop: 16 }} image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("tracker.empty")} />}
      {preview && (
        <Space direction="vertical" style={{ width: "100%", marginTop: 16 }}>
          <Space wrap>{preview.files.map((f) => <Tag key={f}>{f}</Tag>)}</Space>
          {preview.problems.length > 0 && (
            <>
              <Alert type="error" showIcon message={t("tracker.problems", { count: preview.problems.length + preview.more_problems })} description={preview.more_problems ? t("tracker.moreListed", { shown: preview.problems.length, more: preview.more_problems }) : undefined} data-testid="tracker-problems" />
              <ProblemTable problems={preview.problems} where labels="tracker" pageSize={10} hideOnSinglePage widths={[60, 100, 120]} />
            </>
          )}
          {preview.ignored.length > 0 && (
            <>
              <Alert type="warning" showIcon message={t("tracker.ignored", { count: preview.ignored.length + preview.more_ignored })} data-testid="tracker-ignored" />
              <Table<IgnoredEdit>
                size="small"
                rowKey={(p) => `${p.file}-${p.sheet}-${p.line}-${p.column}`}
                dataSource={preview.ignored}
                pagination={{ pageSize: 5, hideOnSinglePage: true }}
                columns={[
                  { title: t("tracker.file"), dataIndex: "file", width: 160, ellipsis: true },
                  { title: t("tracker.sheet"), dataIndex: "sheet", width: 100 },
                  { title: t("tracker.row"), dataIndex: "line", width: 60, align: "right" },
                  { title: t("tracker.column"), dataIndex: "column", width: 100 },
                  { title: t("tracker.value"), dataIndex: "value", ellipsis: true },
                  { title: t("tracker.kept"), dataIndex: "kept", ellipsis: true },
                ]}
              />
            </>
          )}
          {nothing && <Alert type="info" showIcon message={t("tracker.noChanges")} />}
          {!preview.problems.length && !nothing && (
            <>
              <Alert
                type="success"
                showIcon
                data-testid="tracker-ready"
                message={`${t("tracker.ready", { list: counts(preview) })}${skipped ? t("tracker.already", { count: skipped }) : ""}${skippedVisits ? t("tracker.visitAlready", { count: skippedVisits }) : ""}`}
                action={
                  <Popconfirm title={t("tracker.confirmApply")} onConfirm={() => void applyNow()} okButtonProps={{ "data-testid": "tracker-apply-ok" } as Record<string, string>}>
                    <Button type="primary" loading={busy} data-testid="tracker-apply">{t("tracker.apply")}</Button>
                  </Popconfirm>
                }
              />
              {preview.changes.length > 0 && (
                <>
                  <Typography.Text strong>{t("tracker.planChangesTitle", { changes: t("tracker.planChanges", { count: preview.changes.length }) })}</Typography.Text>
                  <Table<TrackerChange>
                    size="small"
                    rowKey={(c) => `${c.item_id}-${c.field}`}
                    dataSource={preview.changes}
                    pagination={{ pageSize: 10, hideOnSinglePage: true }}
                    scroll={{ x: 720 }}
                    data-testid="tracker-changes"
                    columns={[
                      { title: t("tracker.file"), dataIndex: "file", width: 120, ellipsis: true },
                      { title: t("tracker.row"), dataIndex: "line", width: 50, align: "right" },
                      { title: t("tracker.client"), dataIndex: "client_code", width: 120, render: nowrap },
                      { title: t("tracker.item"), dataIndex: "item", width: 110 },
                      { title: t("tracker.field"), dataIndex: "field", width: 100, render: (f: TrackerChange["field"]) => t(`tracker.fields.${f}`) },
                      { title: t("tracker.from"), dataIndex: "from", ellipsis: true, render: (v: string, c) => planValue(c, v) || "—" },
                      { title: t("tracker.to"), dataIndex: "to", ellipsis: true, render: (v: string, c) => <Typography.Text strong>{planValue(c, v) || "—"}</Typography.Text> },
                    ]}
                  />
                </>
              )}
              {preview.warning_changes.length > 0 && (
                <>
                  <Typography.Text strong>{t("tracker.warningChangesTitle", { changes: t("tracker.warningChanges", { count: preview.warning_changes.length }) })}</Typography.Text>
                  <Table<WarningChange>
                    size="small"
                    rowKey={(c) => `${c.warning_id}-${c.field}`}
                    dataSource={preview.warning_changes}
                    pagination={{ pageSize: 10, hideOnSinglePage: true }}
                    scroll={{ x: 760 }}
                    data-testid="tracker-warning-changes"
                    columns={[
                      { title: t("tracker.file"), dataIndex: "file", width: 120, ellipsis: true },
                      { title: t("tracker.row"), dataIndex: "line", width: 50, align: "right" },
                      { title: t("tracker.client"), dataIndex: "client_code", width: 120, render: nowrap },
                      { title: t("tracker.contract"), dataIndex: "contract", width: 130, render: nowrap },
                      { title: t("tracker.field"), dataIndex: "field", width: 120, render: (f: string) => t(`tracker.warningFields.${f === "status" ? "status" : "note"}`) },
                      { title: t("tracker.from"), dataIndex: "from", ellipsis: true, render: (v: string, c) => warningValue(c, v) || "—" },
                      { title: t("tracker.to"), dataIndex: "to", ellipsis: true, render: (v: string, c) => <Typography.Text strong>{warningValue(c, v) || "—"}</Typography.Text> },
                    ]}
                  />
                </>
              )}
              <VisitChanges visits={freshVisits} />
              <FibreChanges changes={preview.fibre_changes} />
              {fresh.length > 0 && (
                <Typography.Text type="secondary">
                  {t("tracker.newAchievements")}{t("common.colon")}{fresh.map((a) => `${a.date} ${a.metric} ×${a.quantity}${a.corrects ? t("tracker.corrects", { quantity: a.corrects.quantity }) : ""}`).join(t("common.itemSep"))}
                </Typography.Text>
              )}
            </>
          )}
        </Space>
      )}
    </Card>
  );
}
