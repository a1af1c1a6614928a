import { useMemo, useState } from "react";
import { Alert, App, Button, Card, Col, Empty, Popconfirm, Row, Space, Statistic, Table, Tag } from "antd";
import { ImportOutlined, LockOutlined, UnlockOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { EChartsOption } from "echarts";
import { importApi, pointsApi, type MemberImportReport, type PeriodSummary, type Pool } from "../../api";
import { usePointChanges, usePointPeriods, usePointScheme } from "../../queries/points";
import { useCheckedImport } from "../../queries/checkedImport";
import { useExplain } from "../../queries/errors";
import { formatCount, formatFen } from "../../format";
import CheckedImportModal from "../CheckedImportModal";
import Chart from "../Chart";
import { useFailure } from "../service/useFailure";
import { known } from "../../known";

/** The periods: members' data imported, each period computed (again) or locked, and the
 *  chosen period's totals, its 平均赠送 pools with the figures to check them by hand, and its
 *  members by level. */
export default function PeriodsTab({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const explain = useExplain();
  const fail = useFailure();
  const periods = usePointPeriods(campaignId);
  const scheme = usePointScheme(campaignId).data;
  const changes = usePointChanges(campaignId);
  const [picked, setPicked] = useState<string | null>(null);
  const list = periods.data ?? [];
  const current = list.find((p) => p.period === picked) ?? list[0] ?? null;
  const flow = useCheckedImport<MemberImportReport>({
    check: (file) => pointsApi.importMembers(file, campaignId, true),
    apply: (file) => pointsApi.importMembers(file, campaignId, false),
    onError: fail,
  });
  const checked = flow.applied ? null : flow.report;
  const levelName = (code: string) => scheme?.levels.find((l) => l.code === code)?.name ?? code;

  const runImport = async () => {
    const report = await flow.apply();
    if (!report) return;
    flow.reset();
    message.success(t("points.imported", { count: report.written_rows, periods: report.periods.join(t("common.listSep")) }));
    void changes.changed();
  };
  const compute = async (period: string) => {
    try {
      await changes.compute.mutateAsync(period);
      message.success(t("points.computed", { period }));
    } catch (e) {
      fail(e);
    }
  };
  const lock = async (period: string, locked: boolean) => {
    try {
      await changes.lock.mutateAsync({ period, locked });
    } catch (e) {
      fail(e);
    }
  };

  const chart = useMemo<EChartsOption | null>(() => {
    if (!current) return null;
    return {
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: current.by_level.map(([code]) => levelName(code)) },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", data: current.by_level.map(([, n]) => n), name: t("points.members"), itemStyle: { color: "#1677ff" } }],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current, scheme, t]);

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      {periods.error && <Alert type="error" showIcon message={explain(periods.error)} />}
      <Space wrap>
        <Button icon={<ImportOutlined />} onClick={() => void flow.pickAndCheck(importApi.pickFile)} data-testid="points-import">{t("points.import")}</Button>
      </Space>
      <Alert type="info" showIcon message={t("points.importHelp")} />
      <Card size="small" title={t("points.periods")}>
        <Table<PeriodSummary>
          size="small" rowKey="period" loading={periods.isLoading} dataSource={list} pagination={false} scroll={{ x: "max-content" }}
          rowClassName={(p) => (p.period === current?.period ? "ant-table-row-selected" : "")}
          onRow={(p) => ({ onClick: () => setPicked(p.period), style: { cursor: "pointer" } })}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("points.noPeriods")} /> }}
          data-testid="points-periods"
          columns={[
            { title: t("points.period"), dataIndex: "period", render: (p: string, r) => <Space size={4} style={{ whiteSpace: "nowrap" }}>{p}{r.locked && <Tag icon={<LockOutlined />}>{t("points.locked")}</Tag>}</Space> },
            { title: t("points.members"), dataIndex: "members", align: "right", render: formatCount },
            { title: t("points.spend"), dataIndex: "spend", align: "right", render: formatFen },
            { title: t("points.spendPoints"), dataIndex: "spend_points", align: "right", render: formatCount },
            { title: t("points.tenureBonus"), dataIndex: "tenure_bonus", align: "right", render: formatCount },
            { title: t("points.levelBonus"), dataIndex: "level_bonus", align: "right", render: formatCount },
            { title: t("points.rewardPoints"), dataIndex: "reward_points", align: "right", render: formatCount },
            { title: t("points.expired"), dataIndex: "expired", align: "right", render: formatCount },
            {
              title: t("common.actions"), key: "act",
              render: (_, r) => (
                <Space size={4} onClick={(e) => e.stopPropagation()}>
                  {!r.locked && (
                    <Popconfirm title={r.computed_at ? t("points.recomputeConfirm") : t("points.computeConfirm")} onConfirm={() => void compute(r.period)} okText={t("points.confirm")} cancelText={t("common.cancel")}>
                      <Button size="small" type={r.computed_at ? "default" : "primary"} loading={changes.compute.isPending} data-testid="points-compute">
                        {r.computed_at ? t("points.recompute") : t("points.compute")}
                      </Button>
                    </Popconfirm>
                  )}
                  {r.computed_at && (
                    <Popconfirm title={r.locked ? t("points.unlockConfirm") : t("points.lockConfirm")} onConfirm={() => void lock(r.period, !r.locked)} okText={t("points.confirm")} cancelText={t("common.cancel")}>
                      <Button size="small" icon={r.locked ? <UnlockOutlined /> : <LockOutlined />}>{r.locked ? t("points.unlock") : t("points.lock")}</Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {current && current.computed_at && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Card size="small" title={t("points.poolsTitle", { period: current.period })}>
              <Table<Pool>
                size="small" rowKey={(p) => `${p.kind}-${p.key}`} dataSource={current.pools} pagination={false} scroll={{ x: "max-content" }} data-testid="points-pools"
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("points.noPools")} /> }}
                columns={[
                  { title: t("points.bonus"), key: "what", render: (_, p) => (p.kind === "tenure" ? t("points.tenureBand", { band: p.key }) : t("points.levelPool", { level: levelName(p.key) })) },
                  { title: t("points.qualifying"), dataIndex: "qualifying", align: "right", render: formatCount },
                  { title: t("points.average"), dataIndex: "average_spend", align: "right", render: formatFen },
                  { title: t("points.each"), dataIndex: "bonus_points", align: "right", render: formatCount },
                  { title: t("points.cost"), key: "cost", align: "right", render: (_, p) => formatCount(p.bonus_points * p.qualifying) },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" title={t("points.byLevel")}>
              <Space wrap size="large">
                <Statistic title={t("points.bonusCost")} value={current.tenure_bonus + current.level_bonus} />
                <Statistic title={t("points.computedBy")} value={known(current.computed_by ?? "")} valueStyle={{ fontSize: 14 }} />
              </Space>
              {chart && <Chart option={chart} height={200} testId="points-level-chart" />}
            </Card>
          </Col>
        </Row>
      )}
      <CheckedImportModal
        open={checked !== null}
        title={t("points.import")}
        okText={t("import.go")}
        cancelText={t("common.cancel")}
        problems={checked?.problems ?? []}
        ready={checked && <Alert type="success" showIcon message={t("points.importReady", { file: checked.file, count: checked.written_rows, periods: checked.periods.join(t("common.listSep")) })} />}
        problemsMessage={checked && <Alert type="error" showIcon message={t("import.problems", { count: checked.problems.length + checked.more_problems })} style={{ marginBottom: 8 }} />}
        table={{ labels: "import", pageSize: 6, widths: [60, 90, 110] }}
        onOk={() => void runImport()}
        onCancel={flow.reset}
      />
    </Space>
  );
}
