import { useState } from "react";
import { Alert, Button, DatePicker, Empty, InputNumber, Modal, Popconfirm, Space, Table, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import type { Kpi } from "../../api";
import { useExplain } from "../../queries/errors";
import { useKpiValues, useSkeletonChanges } from "../../queries/goals";
import { kpiFigure } from "../kpiFigure";

/** The Sunday that ends the week `day` falls in: offered first, any other day may be picked. */
function weekEnd(day: Dayjs): Dayjs {
  return day.add((7 - day.day()) % 7, "day");
}

/** A hand-entered KPI's weekly values: add one for a week (replacing that week's), delete one. */
export default function WeeklyValuesModal({ campaignId, kpi, onClose }: { campaignId: number; kpi: Kpi; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const explain = useExplain();
  const values = useKpiValues(campaignId, kpi.id);
  const { setValue, clearValue } = useSkeletonChanges(campaignId);
  const [week, setWeek] = useState<Dayjs | null>(() => weekEnd(dayjs()));
  const [value, setValueInput] = useState<number | null>(null);
  const [problem, setProblem] = useState<unknown>(null);

  const add = async () => {
    if (!week || value === null) return;
    setProblem(null);
    try {
      await setValue.mutateAsync({ id: kpi.id, weekEnd: week.format("YYYY-MM-DD"), value });
      setValueInput(null);
    } catch (e) {
      setProblem(e);
    }
  };
  const remove = async (day: string) => {
    setProblem(null);
    try {
      await clearValue.mutateAsync({ id: kpi.id, weekEnd: day });
    } catch (e) {
      setProblem(e);
    }
  };

  const rows = [...(values.data ?? [])].reverse().map(([day, v]) => ({ day, value: v }));
  const failure = problem ?? values.error;
  return (
    <Modal open title={t("goals.values.title", { name: kpi.name })} footer={null} onCancel={onClose} destroyOnHidden width={520}>
      <Typography.Paragraph type="secondary">{t("goals.values.hint")}</Typography.Paragraph>
      {failure != null && <Alert type="error" showIcon message={explain(failure)} style={{ marginBottom: 12 }} data-testid="values-problem" />}
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker value={week} onChange={(d) => setWeek(d)} allowClear={false} placeholder={t("goals.values.week")}
          data-testid="values-week" />
        <InputNumber value={value} onChange={(v) => setValueInput(v)} placeholder={t("goals.values.value")}
          addonAfter={kpi.unit || undefined} data-testid="values-value" />
        <Button type="primary" icon={<PlusOutlined />} disabled={!week || value === null} loading={setValue.isPending} onClick={() => void add()}
          data-testid="values-add">{t("goals.values.add")}</Button>
      </Space>
      <Table
        size="small"
        rowKey="day"
        loading={values.isFetching}
        dataSource={rows}
        pagination={false}
        data-testid="values-table"
        locale={{ emptyText: <Empty description={t("goals.values.empty")} /> }}
        columns={[
          { key: "day", title: t("goals.values.week"), dataIndex: "day" },
          { key: "value", title: t("goals.values.value"), dataIndex: "value", align: "right",
            render: (v: number | null) => (v === null ? t("common.none") : kpiFigure(v, kpi.unit, i18n.language)) },
          { key: "actions", width: 48, render: (_: unknown, r: { day: string }) => (
            <Popconfirm title={t("goals.values.deleteConfirm", { week: r.day })} okText={t("common.yes")} cancelText={t("common.no")}
              onConfirm={() => void remove(r.day)}>
              <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t("common.delete")} />
            </Popconfirm>
          ) },
        ]}
      />
    </Modal>
  );
}
