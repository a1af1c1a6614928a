import { useState } from "react";
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Form, Input, InputNumber, Select, Space, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { LedgerEntry, MemberRow } from "../../api";
import { usePointChanges, usePointMembers, usePointPeriods, usePointScheme, useStatement } from "../../queries/points";
import { useExplain } from "../../queries/errors";
import { showServerErrors } from "../serverErrors";
import { formatCount, formatFen } from "../../format";

/** A computed period's members with their points and balance; a member's statement. */
export default function MembersTab({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const explain = useExplain();
  const periods = (usePointPeriods(campaignId).data ?? []).filter((p) => p.computed_at);
  const scheme = usePointScheme(campaignId).data;
  const [picked, setPicked] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const [offset, setOffset] = useState(0);
  const [member, setMember] = useState<number | null>(null);
  const period = picked ?? periods[0]?.period ?? null;
  const list = usePointMembers(campaignId, period, search, offset);
  const levelName = (code: string) => scheme?.levels.find((l) => l.code === code)?.name ?? code;
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      {list.error && <Alert type="error" showIcon message={explain(list.error)} />}
      <Card size="small" title={t("points.memberList")} extra={
        <Space wrap>
          <Select style={{ width: 120 }} value={period ?? undefined} placeholder={t("points.period")} onChange={(v: string) => { setPicked(v); setOffset(0); }}
            options={periods.map((p) => ({ value: p.period, label: p.period }))} data-testid="points-period" />
          <Input.Search allowClear style={{ width: 220 }} placeholder={t("points.search")} onSearch={(v) => { setSearch(v); setOffset(0); }} data-testid="points-search" />
        </Space>
      }>
        <Table<MemberRow>
          size="small" rowKey="member_id" loading={list.isLoading} dataSource={list.data?.rows ?? []} scroll={{ x: "max-content" }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={period ? t("points.noMembers") : t("points.noComputed")} /> }}
          onRow={(r) => ({ onClick: () => setMember(r.member_id), style: { cursor: "pointer" } })}
          pagination={{ current: offset / 50 + 1, pageSize: 50, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => setOffset((p - 1) * 50), showTotal: (n) => t("service.total", { count: n }) }}
          data-testid="points-members"
          columns={[
            { title: t("points.number"), dataIndex: "member", render: (v: string) => <span style={{ whiteSpace: "nowrap" }}>{v}</span> },
            { title: t("points.name"), dataIndex: "name" },
            { title: t("points.client"), dataIndex: "client_code", render: (v: string | null) => v ?? t("common.none") },
            { title: t("points.level"), dataIndex: "level", render: (v: string) => <Tag>{levelName(v)}</Tag> },
            { title: t("points.tenure"), dataIndex: "tenure_months", align: "right" },
            { title: t("points.spend"), dataIndex: "spend", align: "right", render: formatFen },
            { title: t("points.spendPoints"), dataIndex: "spend_points", align: "right", render: formatCount },
            { title: t("points.tenureBonus"), dataIndex: "tenure_bonus", align: "right", render: formatCount },
            { title: t("points.levelBonus"), dataIndex: "level_bonus", align: "right", render: formatCount },
            { title: t("points.rewardPoints"), dataIndex: "reward_points", align: "right", render: formatCount },
            { title: t("points.balance"), dataIndex: "balance", align: "right", render: (v: number) => <strong>{formatCount(v)}</strong> },
          ]}
        />
      </Card>
      {member !== null && period && <StatementDrawer campaignId={campaignId} memberId={member} period={period} onClose={() => setMember(null)} />}
    </Space>
  );
}

function StatementDrawer({ campaignId, memberId, period, onClose }: { campaignId: number; memberId: number; period: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const explain = useExplain();
  const statement = useStatement(campaignId, memberId);
  const { redeem } = usePointChanges(campaignId);
  const [form] = Form.useForm<{ points: number; reason: string }>();
  const zh = i18n.language.startsWith("zh");
  const s = statement.data;
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await redeem.mutateAsync({ memberId, period, points: v.points, reason: v.reason });
      message.success(t("points.redeemed", { points: v.points }));
      form.resetFields();
    } catch (e) {
      const rest = showServerErrors(form, e, i18n.language);
      if (rest) message.error(rest);
    }
  };
  return (
    <Drawer open width={720} title={s ? `${s.member} ${s.name}` : t("points.statement")} onClose={onClose} data-testid="points-statement">
      {statement.error && <Alert type="error" showIcon message={explain(statement.error)} />}
      {s && (
        <Space direction="vertical" size="middle" style={{ width: "100%" }}>
          <Descriptions size="small" column={2} items={[
            { key: "joined", label: t("points.joined"), children: s.joined_on },
            { key: "client", label: t("points.client"), children: s.client_code ?? t("common.none") },
            { key: "level", label: t("points.level"), children: s.level ?? t("common.none") },
            { key: "balance", label: t("points.balance"), children: <strong data-testid="points-balance">{formatCount(s.balance)}</strong> },
          ]} />
          <Table<LedgerEntry>
            size="small" rowKey={(e) => `${e.period}-${e.kind}-${e.balance}`} dataSource={s.entries} pagination={false} scroll={{ x: true }}
            columns={[
              { title: t("points.period"), dataIndex: "period", width: 90 },
              { title: t("points.kind"), dataIndex: "kind", width: 120, render: (k: string) => t(`points.kinds.${k}`) },
              { title: t("points.points"), dataIndex: "points", align: "right", width: 80, render: (v: number) => (v > 0 ? `+${formatCount(v)}` : formatCount(v)) },
              { title: t("points.workedFrom"), key: "why", render: (_, e) => (zh ? e.reason_zh : e.reason_en) },
              { title: t("points.balance"), dataIndex: "balance", align: "right", width: 90, render: formatCount },
            ]}
          />
          <Card size="small" title={t("points.redeem")}>
            <Form form={form} layout="inline" onFinish={() => void submit()}>
              <Form.Item name="points" rules={[{ required: true, message: t("points.pointsRequired") }]}>
                <InputNumber min={1} max={Math.max(1, s.balance)} precision={0} placeholder={t("points.points")} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name="reason" rules={[{ required: true, whitespace: true, message: t("points.reasonRequired") }]}>
                <Input placeholder={t("points.reasonHint")} style={{ width: 240 }} maxLength={100} />
              </Form.Item>
              <Button htmlType="submit" disabled={s.balance <= 0} loading={redeem.isPending} data-testid="points-redeem">{t("points.redeem")}</Button>
            </Form>
          </Card>
        </Space>
      )}
    </Drawer>
  );
}
