import { Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { paramOf, setParams, useLocationSearch } from "../navigation";
import PeriodsTab from "../components/points/PeriodsTab";
import MembersTab from "../components/points/MembersTab";
import SchemeTab from "../components/points/SchemeTab";

const TABS = ["periods", "members", "scheme"] as const;

/** 积分: loyalty points — each billing period computed from the members' data by the scheme,
 *  the members with their statements, and the scheme itself. The open tab is in the URL. */
export default function Points({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const tab = paramOf(useLocationSearch(), "tab", TABS) ?? "periods";
  const body = {
    periods: <PeriodsTab campaignId={campaignId} />,
    members: <MembersTab campaignId={campaignId} />,
    scheme: <SchemeTab campaignId={campaignId} />,
  };
  return (
    <div data-testid="points-page">
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        items={TABS.map((key) => ({ key, label: <span data-testid={`points-tab-${key}`}>{t(`points.tabs.${key}`)}</span>, children: tab === key ? body[key] : null }))}
      />
    </div>
  );
}
