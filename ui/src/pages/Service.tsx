import { Tabs } from "antd";
import { useTranslation } from "react-i18next";
import { paramOf, setParams, useLocationSearch } from "../navigation";
import VisitsTab from "../components/service/VisitsTab";
import GreenTab from "../components/service/GreenTab";
import CareTab from "../components/service/CareTab";
import FibreTab from "../components/service/FibreTab";
import StandardsTab from "../components/service/StandardsTab";

const TABS = ["visits", "green", "care", "fibre", "standards"] as const;

/** 服务: the service workstreams — visits, the green channel, the care calendar, fibre
 *  preparation and the star service standards they follow. The open tab is in the URL. */
export default function Service({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const tab = paramOf(useLocationSearch(), "tab", TABS) ?? "visits";
  const body = {
    visits: <VisitsTab campaignId={campaignId} />,
    green: <GreenTab campaignId={campaignId} />,
    care: <CareTab campaignId={campaignId} />,
    fibre: <FibreTab campaignId={campaignId} />,
    standards: <StandardsTab campaignId={campaignId} />,
  };
  return (
    <div data-testid="service-page">
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        items={TABS.map((key) => ({ key, label: <span data-testid={`service-tab-${key}`}>{t(`service.tabs.${key}`)}</span>, children: tab === key ? body[key] : null }))}
      />
    </div>
  );
}
