import { Alert, Button, Descriptions, Drawer, Empty, Popconfirm, Space, Table, Tag } from "antd";
import { DeleteOutlined, EditOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { ClientDetail, Contract } from "../api";
import { useClientRisks } from "../queries/clients";
import { formatFen } from "../format";
import ContactsCard from "./contacts/ContactsCard";

/** One client with its contracts. */
export default function ClientDrawer({ client, campaignId, onClose, onEdit, onDelete, onError }: {
  client: ClientDetail;
  campaignId: number | null;
  onClose: () => void;
  onEdit: () => void;
  onDelete: () => void;
  onError: (e: unknown) => void;
}) {
  const { t, i18n } = useTranslation();
  const none = t("common.none");
  // The reasons are a note beside the client: a failure shows none.
  const risks = useClientRisks(campaignId, client.id).data ?? [];
  return (
    <Drawer
      open
      width={760}
      title={<span data-testid="client-detail-title">{client.name}</span>}
      onClose={onClose}
      extra={
        <Space>
          <Button icon={<EditOutlined />} onClick={onEdit} data-testid="client-edit">{t("common.edit")}</Button>
          <Popconfirm title={t("common.confirmDelete")} okText={t("common.yes")} cancelText={t("common.no")} okButtonProps={{ danger: true }} onConfirm={onDelete}>
            <Button danger icon={<DeleteOutlined />} data-testid="client-delete">{t("common.delete")}</Button>
          </Popconfirm>
        </Space>
      }
    >
      {risks.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t("risk.title")} data-testid="client-risks"
          description={<ul style={{ margin: 0, paddingLeft: 18 }}>{risks.map((r) => (
            <li key={r.flag}><Tag color="volcano">{t(`risk.${r.flag}`)}</Tag>{i18n.language.startsWith("zh") ? r.zh : r.en}</li>
          ))}</ul>} />
      )}
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label={t("client.code")}>{client.code}</Descriptions.Item>
        <Descriptions.Item label={t("category.label")}>{t(`category.${client.category}`)} · {t(`tier.${client.tier}`)}</Descriptions.Item>
        <Descriptions.Item label={t("client.industry")}>{client.industry || none}</Descriptions.Item>
        <Descriptions.Item label={t("client.district")}>{client.district || none}</Descriptions.Item>
        <Descriptions.Item label={t("client.team")}>{client.team ?? none}</Descriptions.Item>
        <Descriptions.Item label={t("client.manager")}>
          {client.account_manager ?? none}{client.vip_manager && <span data-testid="detail-vip"> · {t("contact.vipManager")} {client.vip_manager}</span>}
        </Descriptions.Item>
        <Descriptions.Item label={t("client.keyPerson")}><span data-testid="detail-key-person">{client.key_person || none}</span></Descriptions.Item>
        <Descriptions.Item label={t("client.keyPhone")}>{client.key_person_phone || none}</Descriptions.Item>
        <Descriptions.Item label={t("client.notes")} span={2}>{client.notes || none}</Descriptions.Item>
      </Descriptions>
      <ContactsCard client={client} campaignId={campaignId} onError={onError} />
      <h4 style={{ marginTop: 24 }}>{t("client.contracts")}</h4>
      <Table<Contract>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={client.contracts}
        locale={{ emptyText: <Empty description={t("contract.empty")} /> }}
        scroll={{ x: "max-content" }}
        className="nowrap-table"
        data-testid="client-contracts"
        columns={[
          { title: t("contract.number"), dataIndex: "number" },
          { title: t("contract.type"), dataIndex: "product_type", render: (v) => t(`product.${v}`) },
          { title: t("contract.monthlyFee"), dataIndex: "monthly_fee", align: "right", render: formatFen },
          { title: t("contract.decFee"), dataIndex: "dec_fee", align: "right", render: formatFen },
          { title: t("contract.term"), dataIndex: "term_months", align: "right" },
          { title: t("contract.endDate"), dataIndex: "end_date", render: (v) => v ?? none },
          { title: t("contract.fiber"), dataIndex: "fiber_to_premises", render: (v) => v ? <Tag color="green">{t("contract.yes")}</Tag> : <Tag>{t("contract.no")}</Tag> },
        ]}
      />
    </Drawer>
  );
}
