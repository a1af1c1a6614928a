import { Button, Popconfirm, Space, Table, Tag, Tooltip, Typography } from "antd";
import { DeleteOutlined, EditOutlined, FormOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { Kpi, KpiReading, MetricInfo } from "../../api";
import { STATUS_COLOURS, kpiFigure, kpiTarget } from "../kpiFigure";
import { measureText } from "./kpiText";

/** The KPIs of one goal, battle or workstream, each with its figure and status as of the day. */
export default function KpiTable({ kpis, readings, catalogue, achievementMetrics, onEdit, onRemove, onValues, testId }: {
  kpis: Kpi[];
  readings: KpiReading[];
  catalogue: MetricInfo[];
  achievementMetrics: [string, string][];
  onEdit(kpi: Kpi): void;
  onRemove(kpi: Kpi): void;
  onValues(kpi: Kpi): void;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  if (kpis.length === 0) return <Typography.Text type="secondary" data-testid={`${testId}-empty`}>{t("goals.kpi.none")}</Typography.Text>;
  const reading = (kpi: Kpi) => readings.find((r) => r.kpi.id === kpi.id) ?? null;
  return (
    <Table<Kpi>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={kpis}
      data-testid={testId}
      columns={[
        { key: "name", title: t("goals.kpi.name"), dataIndex: "name" },
        { key: "metric", title: t("goals.kpi.metric"), render: (_, k) => measureText(k, catalogue, achievementMetrics, i18n.language, t) },
        { key: "target", title: t("goals.kpi.target"), align: "right", width: 120, render: (_, k) => kpiTarget(k, i18n.language) },
        { key: "value", title: t("goals.kpi.current"), align: "right", width: 120, render: (_, k) => {
          const r = reading(k);
          return r?.value == null ? t("common.none") : kpiFigure(r.value, k.unit, i18n.language);
        } },
        { key: "status", title: t("goals.kpi.status"), width: 100, render: (_, k) => {
          const status = reading(k)?.status ?? "no_data";
          return <Tag color={STATUS_COLOURS[status]} data-testid={`kpi-status-${k.id}`}>{t(`goals.status.${status}`)}</Tag>;
        } },
        { key: "actions", width: 112, render: (_, k) => (
          <Space size={0}>
            {k.metric === "manual" && (
              <Tooltip title={t("goals.values.open")}>
                <Button type="text" size="small" icon={<FormOutlined />} aria-label={t("goals.values.open")} onClick={() => onValues(k)}
                  data-testid={`kpi-values-${k.id}`} />
              </Tooltip>
            )}
            <Tooltip title={t("common.edit")}>
              <Button type="text" size="small" icon={<EditOutlined />} aria-label={t("common.edit")} onClick={() => onEdit(k)} data-testid={`kpi-edit-${k.id}`} />
            </Tooltip>
            <Popconfirm title={t("goals.kpi.deleteConfirm", { name: k.name })} okText={t("common.yes")} cancelText={t("common.no")} onConfirm={() => onRemove(k)}>
              <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t("common.delete")} data-testid={`kpi-delete-${k.id}`} />
            </Popconfirm>
          </Space>
        ) },
      ]}
    />
  );
}
