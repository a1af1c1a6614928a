import { Modal, Select, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { PersonSummary, TeamSummary } from "../../api";

/** A team or a person to merge into another of its kind, and which one once picked. */
export type Merging = { kind: "team"; from: TeamSummary; into: number | null } | { kind: "person"; from: PersonSummary; into: number | null };

/** Merge confirmation: pick what to merge into, then read what will move before confirming. */
export default function MergeModal({ merging, teams, people, onChange, onCancel, onOk }: {
  merging: Merging;
  teams: TeamSummary[];
  people: PersonSummary[];
  onChange: (m: Merging) => void;
  onCancel: () => void;
  onOk: () => void;
}) {
  const { t } = useTranslation();
  const mergeTargetName = merging.into == null ? "" : (merging.kind === "team" ? teams : people).find((x) => x.id === merging.into)?.name ?? "";
  return (
    <Modal open title={t(merging.kind === "team" ? "org.merge.teamTitle" : "org.merge.personTitle", { from: merging.from.name })}
      onCancel={onCancel} onOk={onOk} okText={t("org.merge.confirm")} cancelText={t("common.cancel")}
      okButtonProps={{ danger: true, disabled: merging.into === null, "data-testid": "merge-ok" }}>
      <Space direction="vertical" style={{ width: "100%" }}>
        <Select
          showSearch
          optionFilterProp="label"
          placeholder={t("org.merge.into")}
          style={{ width: "100%" }}
          value={merging.into ?? undefined}
          onChange={(into: number) => onChange({ ...merging, into })}
          options={(merging.kind === "team" ? teams : people).filter((x) => x.id !== merging.from.id).map((x) => ({ value: x.id, label: x.name }))}
          data-testid="merge-into"
        />
        {merging.into !== null && (
          <Typography.Paragraph data-testid="merge-says">
            {merging.kind === "team"
              ? t("org.merge.teamSays", { from: merging.from.name, into: mergeTargetName, clients: merging.from.clients, people: merging.from.people })
              : t("org.merge.personSays", { from: merging.from.name, into: mergeTargetName, clients: merging.from.clients })}
          </Typography.Paragraph>
        )}
      </Space>
    </Modal>
  );
}
