import { Alert, Space } from "antd";
import { useServerError } from "../queries/errors";
import TrackerExport from "../components/trackers/TrackerExport";
import TrackerReturn from "../components/trackers/TrackerReturn";

/** Excel trackers: write the workbook district teams fill in, and apply the ones they send back. */
export default function Trackers({ campaignId, campaignName }: { campaignId: number; campaignName: string }) {
  const { failure, fail, clear } = useServerError();
  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      {failure && <Alert type="error" showIcon message={failure} closable onClose={clear} data-testid="tracker-error" />}
      <TrackerExport campaignId={campaignId} campaignName={campaignName} onStart={clear} onError={fail} />
      <TrackerReturn onStart={clear} onError={fail} />
    </Space>
  );
}
