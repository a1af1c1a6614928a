import { Select } from "antd";
import { useTranslation } from "react-i18next";
import type { TeamChoice } from "../../api";
import { useTeams } from "../../queries/campaigns";

/**
 * The participating teams as a form field: pick existing active teams or type a new name (Enter).
 * The value keeps existing teams by id and new ones by name; the core creates those on save.
 */
export default function CampaignTeamsField({ value, onChange, id }: { value?: TeamChoice; onChange?: (v: TeamChoice) => void; id?: string }) {
  const { t } = useTranslation();
  const teams = useTeams().data ?? [];
  const chosen = value ?? { ids: [], new_names: [] };
  const nameOf = new Map(teams.map((team) => [team.id, team.name]));
  // The select works in names: an existing team's name stands for its id.
  const selected = [...chosen.ids.map((tid) => nameOf.get(tid) ?? String(tid)), ...(chosen.new_names ?? [])];
  const options = teams
    .filter((team) => team.active || chosen.ids.includes(team.id))
    .map((team) => ({ value: team.name, label: team.active ? team.name : `${team.name}${t("campaignAdmin.teams.inactive")}` }));

  const change = (names: string[]) => {
    const byName = new Map(teams.map((team) => [team.name, team.id]));
    const ids: number[] = [];
    const newNames: string[] = [];
    for (const raw of names) {
      const name = raw.trim();
      if (!name) continue;
      const existing = byName.get(name);
      if (existing !== undefined) {
        if (!ids.includes(existing)) ids.push(existing);
      } else if (!newNames.includes(name)) {
        newNames.push(name);
      }
    }
    onChange?.({ ids, new_names: newNames });
  };

  return (
    <Select
      id={id}
      mode="tags"
      value={selected}
      onChange={change}
      options={options}
      placeholder={t("campaignAdmin.teams.placeholder")}
      tokenSeparators={[",", "，", "、"]}
      style={{ width: "100%" }}
      data-testid="campaign-teams-field"
    />
  );
}
