import { Card, Empty, List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { OrgChange } from "../../api";
import { useOrgLog } from "../../queries/org";
import { known } from "../../known";

/** One org log line in the UI's language, from its code and values. */
export function orgChangeText(change: OrgChange, t: (key: string, values?: Record<string, unknown>) => string): string {
  switch (change.action) {
    case "team_created":
      return t("org.log.team_created", { name: change.name });
    case "team_renamed":
      return t("org.log.team_renamed", { from: change.from, to: change.to });
    case "team_active_set":
      return t(change.active ? "org.log.team_active_set_on" : "org.log.team_active_set_off", { name: change.name });
    case "teams_merged":
      return t("org.log.teams_merged", { from: change.from, into: change.into, clients: change.moved.clients, people: change.moved.people });
    case "person_created":
      return t("org.log.person_created", { name: change.name });
    case "person_updated":
      return t("org.log.person_updated", {
        name: change.name,
        fields: change.changes.map((c) => t(`org.log.field.${c.field}`)).join(t("common.listSep")),
      });
    case "people_merged":
      return t("org.log.people_merged", {
        from: change.from, into: change.into, clients: change.moved.clients, items: change.moved.plan_items, warnings: change.moved.warnings,
      });
    case "clients_reassigned":
      return t("org.log.clients_reassigned", {
        clients: change.clients,
        from: change.moves.map((m) => m.from ?? t("org.reassign.nobody")).join(t("common.listSep")),
        to: change.to ?? t("org.reassign.nobody"),
        items: change.plan_items,
        warnings: change.warnings,
      });
  }
}

/** The latest changes to teams and people, newest first. */
export default function OrgLog() {
  const { t } = useTranslation();
  const entries = useOrgLog().data ?? [];
  return (
    <Card title={t("org.log.title")} size="small">
      {entries.length === 0 ? (
        <Empty description={t("org.log.empty")} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          size="small"
          dataSource={entries}
          data-testid="org-log"
          renderItem={(e) => (
            <List.Item key={e.id}>
              <Typography.Text type="secondary" style={{ marginRight: 12 }}>{e.at} {known(e.author)}</Typography.Text>
              {orgChangeText(e.change, t)}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
