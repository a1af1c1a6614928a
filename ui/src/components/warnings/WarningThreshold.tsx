import { App, InputNumber, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useWarningChanges, useWarningThreshold } from "../../queries/warnings";

/** The share a tariff must fall by to raise a warning, saved when the field is left. */
export default function WarningThreshold({ campaignId, onError }: { campaignId: number; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const threshold = useWarningThreshold(campaignId).data ?? null;
  const { saveThreshold } = useWarningChanges(campaignId);

  const save = async (percent: number | null) => {
    if (percent === null || !Number.isFinite(percent) || Math.round(percent * 100) === threshold) return;
    try {
      await saveThreshold.mutateAsync(Math.round(percent * 100));
      message.success(t("warning.saved"));
    } catch (e) {
      onError(e);
    }
  };

  return (
    <>
      <Typography.Text type="secondary" title={t("warning.thresholdHelp")}>{t("warning.threshold")}</Typography.Text>
      <InputNumber
        key={threshold ?? "none"}
        min={0.01}
        max={100}
        step={1}
        addonAfter="%"
        style={{ width: 110 }}
        defaultValue={threshold === null ? undefined : threshold / 100}
        onBlur={(e) => void save(Number(e.target.value))}
        data-testid="warning-threshold"
      />
    </>
  );
}
