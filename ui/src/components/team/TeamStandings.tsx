import { Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { DistrictStanding } from "../../api";
import { formatBp } from "../../format";
import { useTeamStandings } from "../../queries/team";
import { useExplain } from "../../queries/errors";

/** Every district's 一户一案 progress, ranked by share done, then fewer late items. */
export default function TeamStandings({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const explain = useExplain();
  const standings = useTeamStandings(campaignId);
  return (
    <>
      <Typography.Paragraph type="secondary">{t("team.standingsHelp")}</Typography.Paragraph>
      {standings.error != null && <Typography.Text type="danger">{explain(standings.error)}</Typography.Text>}
      <Table<DistrictStanding>
        rowKey="district_id"
        size="small"
        loading={standings.isFetching}
        pagination={false}
        dataSource={standings.data ?? []}
        locale={{ emptyText: t("team.noStandings") }}
        columns={[
          { title: t("team.rank"), dataIndex: "rank", width: 70 },
          { title: t("team.district"), dataIndex: "district" },
          { title: t("team.clients"), dataIndex: "clients", width: 90, align: "right" },
          { title: t("team.doneOfItems"), key: "done", width: 130, align: "right", render: (_, s) => `${s.done} / ${s.items}` },
          { title: t("team.doneShare"), dataIndex: "done_bp", width: 100, align: "right", render: (bp: number) => formatBp(Number(bp)) },
          { title: t("team.lateItems"), dataIndex: "late", width: 90, align: "right" },
        ]}
        data-testid="team-standings"
      />
    </>
  );
}
