import { useState } from "react";
import { Alert, App, Modal, Select, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ClientQuery, ReassignGroup } from "../../api";
import { usePeople } from "../../queries/campaigns";
import { useOrgChanges, useReassignPreview } from "../../queries/org";
import { useExplain } from "../../queries/errors";

/**
 * Gives the clients `query` picks a new account manager. The core's preview says, per old
 * manager, which clients, open items and open warnings move and what closed work stays; the
 * planner confirms, and the message repeats what moved.
 */
export default function ReassignModal({ query, scope, onClose }: { query: ClientQuery; scope: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const explain = useExplain();
  const [to, setTo] = useState<number | null>(null);
  const managers = (usePeople().data ?? []).filter((p) => p.is_account_manager && p.active);
  // Paging and sorting do not choose clients: the action takes every client the filter picks.
  const chosen: ClientQuery = { ...query, offset: 0, limit: 0 };
  const preview = useReassignPreview(chosen, to);
  const { reassign } = useOrgChanges();
  const shown = preview.data ?? null;

  const apply = async () => {
    if (to === null) return;
    try {
      const done = await reassign.mutateAsync({ query: chosen, to });
      message.success(t("org.reassign.done", { to: done.to, clients: done.clients, items: done.open_items, warnings: done.open_warnings }));
      onClose();
    } catch (e) {
      message.error(explain(e));
    }
  };

  return (
    <Modal
      open
      title={t("org.reassign.title")}
      width={760}
      onCancel={onClose}
      onOk={() => void apply()}
      okText={t("org.reassign.confirm")}
      cancelText={t("common.cancel")}
      okButtonProps={{ disabled: !shown || shown.clients === 0, loading: reassign.isPending, "data-testid": "reassign-ok" }}
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        <Typography.Text type="secondary" data-testid="reassign-scope">{scope}</Typography.Text>
        <Select
          showSearch
          optionFilterProp="label"
          placeholder={t("org.reassign.to")}
          style={{ width: 260 }}
          value={to ?? undefined}
          onChange={(v: number) => setTo(v)}
          options={managers.map((p) => ({ value: p.id, label: p.team ? t("common.withNote", { name: p.name, note: p.team }) : p.name }))}
          data-testid="reassign-to"
        />
        {preview.error != null && <Alert type="error" showIcon message={explain(preview.error)} />}
        {shown && (
          <>
            <Table<ReassignGroup>
              size="small"
              pagination={false}
              rowKey={(g) => g.from_id ?? 0}
              dataSource={shown.groups}
              data-testid="reassign-preview"
              columns={[
                { title: t("org.reassign.from"), dataIndex: "from", render: (v: string | null) => v ?? t("org.reassign.nobody") },
                { title: t("org.reassign.clients"), dataIndex: "clients", align: "right" },
                { title: t("org.reassign.openItems"), dataIndex: "open_items", align: "right" },
                { title: t("org.reassign.openWarnings"), dataIndex: "open_warnings", align: "right" },
                { title: t("org.reassign.closedItems"), dataIndex: "closed_items", align: "right" },
                { title: t("org.reassign.closedWarnings"), dataIndex: "closed_warnings", align: "right" },
              ]}
            />
            <Alert
              type={shown.clients === 0 ? "warning" : "info"}
              showIcon
              data-testid="reassign-summary"
              message={
                shown.clients === 0
                  ? t("org.reassign.nothing", { to: shown.to })
                  : t("org.reassign.summary", {
                      to: shown.to,
                      clients: shown.clients,
                      items: shown.open_items,
                      warnings: shown.open_warnings,
                      closedItems: shown.closed_items,
                      closedWarnings: shown.closed_warnings,
                    })
              }
              description={shown.unchanged > 0 ? t("org.reassign.unchanged", { count: shown.unchanged, to: shown.to }) : undefined}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
