import { Segmented, Select, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Person, Team, WarningStatus, WarningSummary } from "../../api";

export type View = "open" | "all" | WarningStatus;

/** Which warnings the queue shows: by status, owner and team, and each owner's open count. */
export default function WarningFilters({ view, onView, ownerId, onOwner, teamId, onTeam, people, teams, summary }: {
  view: View;
  onView: (v: View) => void;
  ownerId: number | null;
  onOwner: (id: number | null) => void;
  teamId: number | null;
  onTeam: (id: number | null) => void;
  people: Person[];
  teams: Team[];
  summary: WarningSummary | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<View>
          value={view}
          onChange={onView}
          options={[
            { value: "open", label: t("warning.openOnly") },
            { value: "to_contact", label: t("warning.status.to_contact") },
            { value: "contacted", label: t("warning.status.contacted") },
            { value: "retained", label: t("warning.status.retained") },
            { value: "lost", label: t("warning.status.lost") },
            { value: "all", label: t("warning.all") },
          ]}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ minWidth: 160 }}
          placeholder={t("warning.anyOwner")}
          value={ownerId ?? undefined}
          onChange={(v) => onOwner(v ?? null)}
          options={people.map((p) => ({ value: p.id, label: p.name }))}
          data-testid="warning-owner"
        />
        <Select
          allowClear
          style={{ minWidth: 180 }}
          placeholder={t("warning.anyTeam")}
          value={teamId ?? undefined}
          onChange={(v) => onTeam(v ?? null)}
          options={teams.map((tm) => ({ value: tm.id, label: tm.name }))}
        />
      </Space>
      {summary && summary.open_by_owner.length > 0 && (
        <div style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t("warning.queue")}{t("common.colon")}</Typography.Text>
          {summary.open_by_owner.slice(0, 12).map(([name, n]) => (
            <Tag
              key={name}
              color={people.find((p) => p.name === name)?.id === ownerId ? "red" : undefined}
              style={{ cursor: "pointer" }}
              onClick={() => onOwner(people.find((p) => p.name === name)?.id ?? null)}
            >
              {name || "—"} {n}
            </Tag>
          ))}
        </div>
      )}
    </>
  );
}
