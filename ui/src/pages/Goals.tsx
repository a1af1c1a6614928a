import { useState } from "react";
import { Alert, App, Button, Card, Empty, Popconfirm, Space, Tag, Typography } from "antd";
import { DeleteOutlined, EditOutlined, PlusOutlined, RollbackOutlined } from "@ant-design/icons";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import type { Goal, Kpi, KpiInput, KpiOwner, Part, PartKind } from "../api";
import { useTeams } from "../queries/campaigns";
import { useMetrics } from "../queries/awards";
import { useServerError } from "../queries/errors";
import { useGoals, useKpiMetrics, useKpiReadings, useKpis, useParts, useScopeChoices, useSkeletonChanges } from "../queries/goals";
import GoalModal from "../components/goals/GoalModal";
import KpiModal from "../components/goals/KpiModal";
import KpiTable from "../components/goals/KpiTable";
import PartModal from "../components/goals/PartModal";
import WeeklyValuesModal from "../components/goals/WeeklyValuesModal";

const KINDS: PartKind[] = ["battle", "workstream"];
const owns = (owner: KpiOwner, kpi: Kpi) =>
  "goal" in owner ? "goal" in kpi.owner && kpi.owner.goal === owner.goal : "part" in kpi.owner && kpi.owner.part === owner.part;

/**
 * 目标与策略: the campaign's goals with their KPIs, and its strategy skeleton (三大攻坚战 and
 * 三项服务维挽专题) with owner teams, scopes and KPIs. Every KPI shows its figure and status as of
 * today; hand-entered ones take weekly values here.
 */
export default function Goals({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const goals = useGoals(campaignId);
  const parts = useParts(campaignId);
  const kpis = useKpis(campaignId);
  const readings = useKpiReadings(campaignId, null);
  const catalogue = useKpiMetrics();
  const metrics = useMetrics(campaignId);
  const teams = useTeams();
  const choices = useScopeChoices(campaignId);
  const { failure, fail, clear } = useServerError(goals.error, parts.error, kpis.error, readings.error, catalogue.error, metrics.error, teams.error, choices.error);
  const changes = useSkeletonChanges(campaignId);
  const [editingGoal, setEditingGoal] = useState<Goal | "new" | null>(null);
  const [editingPart, setEditingPart] = useState<{ part: Part | null; kind: PartKind } | null>(null);
  const [editingKpi, setEditingKpi] = useState<{ kpi: Kpi | null; owner: KpiOwner } | null>(null);
  const [valuesOf, setValuesOf] = useState<Kpi | null>(null);

  const allKpis = kpis.data ?? [];
  const allReadings = readings.data ?? [];
  const metricList = catalogue.data ?? [];
  const achievementMetrics = metrics.data ?? [];
  const goalList = goals.data ?? [];
  const partList = parts.data ?? [];

  const run = async (action: Promise<unknown>, done: string) => {
    try {
      await action;
      message.success(done);
    } catch (e) {
      fail(e);
    }
  };
  const restore = () => void run(changes.restoreDefaults.mutateAsync(), t("goals.restored"));
  const reload = () => {
    clear();
    for (const q of [goals, parts, kpis, readings, catalogue, metrics, teams, choices]) if (q.error) void q.refetch();
  };

  const kpiTable = (owner: KpiOwner, testId: string) => (
    <KpiTable
      kpis={allKpis.filter((k) => owns(owner, k))}
      readings={allReadings}
      catalogue={metricList}
      achievementMetrics={achievementMetrics}
      onEdit={(kpi) => setEditingKpi({ kpi, owner })}
      onRemove={(kpi) => void run(changes.removeKpi.mutateAsync(kpi.id), t("common.deleted"))}
      onValues={setValuesOf}
      testId={testId}
    />
  );
  const addKpiButton = (owner: KpiOwner, testId: string) => (
    <Button size="small" icon={<PlusOutlined />} onClick={() => setEditingKpi({ kpi: null, owner })} data-testid={testId}>{t("goals.kpi.add")}</Button>
  );
  const restoreButton = (
    <Button icon={<RollbackOutlined />} loading={changes.restoreDefaults.isPending} onClick={restore} data-testid="skeleton-restore">
      {t("goals.restore")}
    </Button>
  );

  const scopeText = (part: Part) => {
    const scope = part.scope;
    const clauses = [
      (scope.product_types ?? []).length > 0 && t("goals.scope.byProductTypes", { list: (scope.product_types ?? []).map((p) => t(`product.${p}`)).join(t("common.listSep")) }),
      (scope.team_ids ?? []).length > 0 && t("goals.scope.byTeams", {
        list: (scope.team_ids ?? []).map((id) => teams.data?.find((tm) => tm.id === id)?.name ?? `#${id}`).join(t("common.listSep")),
      }),
      (scope.industries ?? []).length > 0 && t("goals.scope.byIndustries", { list: (scope.industries ?? []).join(t("common.listSep")) }),
    ].filter(Boolean);
    return clauses.length === 0 ? t("goals.scope.everyTarget") : clauses.join(t("common.itemSep"));
  };

  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 16 }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t("goals.intro", { date: dayjs().format("YYYY-MM-DD") })}</Typography.Paragraph>
      {failure && (
        <Alert type="error" showIcon closable onClose={clear} message={t("error.load")} description={failure}
          action={<Button onClick={reload}>{t("common.retry")}</Button>} data-testid="goals-problem" />
      )}
      <Card title={t("goals.goalsTitle")} loading={goals.isLoading} data-testid="goals-card"
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditingGoal("new")} data-testid="goal-new">{t("goals.goal.add")}</Button>}>
        {goalList.length === 0 ? (
          <Empty description={t("goals.goalsEmpty")} data-testid="goals-empty">{restoreButton}</Empty>
        ) : (
          <Space direction="vertical" style={{ width: "100%" }} size={12}>
            {goalList.map((goal) => (
              <Card key={goal.id} type="inner" size="small" title={<span data-user-text>{goal.name}</span>} data-testid={`goal-${goal.id}`}
                extra={
                  <Space size={4}>
                    {addKpiButton({ goal: goal.id }, `goal-${goal.id}-add-kpi`)}
                    <Button type="text" size="small" icon={<EditOutlined />} aria-label={t("common.edit")} onClick={() => setEditingGoal(goal)} />
                    <Popconfirm title={t("goals.goal.deleteConfirm", { name: goal.name })} okText={t("common.yes")} cancelText={t("common.no")}
                      onConfirm={() => void run(changes.removeGoal.mutateAsync(goal.id), t("common.deleted"))}>
                      <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t("common.delete")} data-testid={`goal-${goal.id}-delete`} />
                    </Popconfirm>
                  </Space>
                }>
                {goal.description && <Typography.Paragraph type="secondary">{goal.description}</Typography.Paragraph>}
                {kpiTable({ goal: goal.id }, `goal-${goal.id}-kpis`)}
              </Card>
            ))}
          </Space>
        )}
      </Card>
      {KINDS.map((kind) => {
        const ofKind = partList.filter((p) => p.kind === kind);
        return (
          <Card key={kind} title={t(`goals.section.${kind}`)} loading={parts.isLoading} data-testid={`parts-${kind}`}
            extra={<Button icon={<PlusOutlined />} onClick={() => setEditingPart({ part: null, kind })} data-testid={`part-new-${kind}`}>{t(`goals.part.add.${kind}`)}</Button>}>
            {ofKind.length === 0 ? (
              <Empty description={t(`goals.partsEmpty.${kind}`)} data-testid={`parts-${kind}-empty`}>{partList.length === 0 && kind === "battle" && restoreButton}</Empty>
            ) : (
              <Space direction="vertical" style={{ width: "100%" }} size={12}>
                {ofKind.map((part) => (
                  <Card key={part.id} type="inner" size="small" data-testid={`part-${part.id}`}
                    title={<Space data-user-text>{part.name}{part.owner_team ? <Tag color="blue">{part.owner_team}</Tag> : <Tag>{t("goals.part.noOwner")}</Tag>}</Space>}
                    extra={
                      <Space size={4}>
                        {addKpiButton({ part: part.id }, `part-${part.id}-add-kpi`)}
                        <Button type="text" size="small" icon={<EditOutlined />} aria-label={t("common.edit")} onClick={() => setEditingPart({ part, kind })}
                          data-testid={`part-${part.id}-edit`} />
                        <Popconfirm title={t("goals.part.deleteConfirm", { name: part.name })} okText={t("common.yes")} cancelText={t("common.no")}
                          onConfirm={() => void run(changes.removePart.mutateAsync(part.id), t("common.deleted"))}>
                          <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t("common.delete")} data-testid={`part-${part.id}-delete`} />
                        </Popconfirm>
                      </Space>
                    }>
                    <Typography.Paragraph type="secondary" data-testid={`part-${part.id}-scope`}>{t("goals.scope.label")}{t("common.colon")}{scopeText(part)}</Typography.Paragraph>
                    {kpiTable({ part: part.id }, `part-${part.id}-kpis`)}
                  </Card>
                ))}
              </Space>
            )}
          </Card>
        );
      })}
      {editingGoal && (
        <GoalModal
          goal={editingGoal === "new" ? null : editingGoal}
          onClose={() => setEditingGoal(null)}
          onSave={async (input) => {
            if (editingGoal === "new") await changes.addGoal.mutateAsync(input);
            else await changes.updateGoal.mutateAsync({ id: editingGoal.id, input });
            message.success(t("common.saved"));
          }}
        />
      )}
      {editingPart && (
        <PartModal
          part={editingPart.part}
          kind={editingPart.kind}
          teams={teams.data ?? []}
          choices={choices.data ?? { product_types: [], industries: [] }}
          onClose={() => setEditingPart(null)}
          onSave={async (input) => {
            if (editingPart.part) await changes.updatePart.mutateAsync({ id: editingPart.part.id, input });
            else await changes.addPart.mutateAsync(input);
            message.success(t("common.saved"));
          }}
        />
      )}
      {editingKpi && (
        <KpiModal
          kpi={editingKpi.kpi}
          catalogue={metricList}
          achievementMetrics={achievementMetrics}
          onClose={() => setEditingKpi(null)}
          onSave={async (input: KpiInput) => {
            if (editingKpi.kpi) await changes.updateKpi.mutateAsync({ id: editingKpi.kpi.id, input });
            else await changes.addKpi.mutateAsync({ owner: editingKpi.owner, input });
            message.success(t("common.saved"));
          }}
        />
      )}
      {valuesOf && <WeeklyValuesModal campaignId={campaignId} kpi={valuesOf} onClose={() => setValuesOf(null)} />}
    </div>
  );
}
