import { App, InputNumber, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ErosionBasis, ErosionSettings } from "../../api";
import { useWarningChanges, useWarningErosion } from "../../queries/warnings";

/** What a tariff is also compared with (the contract's fee, or its peak in a window of months), saved as it changes. */
export default function WarningErosion({ campaignId, onError }: { campaignId: number; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useWarningErosion(campaignId).data ?? null;
  const { saveErosion } = useWarningChanges(campaignId);

  const save = async (next: ErosionSettings) => {
    if (settings && next.basis === settings.basis && next.window_months === settings.window_months) return;
    try {
      await saveErosion.mutateAsync(next);
      message.success(t("warning.saved"));
    } catch (e) {
      onError(e);
    }
  };

  if (!settings) return null;
  return (
    <>
      <Typography.Text type="secondary" title={t("warning.erosionHelp")}>{t("warning.erosion")}</Typography.Text>
      <Select<ErosionBasis>
        value={settings.basis}
        style={{ width: 160 }}
        options={(["peak", "baseline"] as const).map((b) => ({ value: b, label: t(`warning.erosionBasis.${b}`) }))}
        onChange={(basis) => void save({ ...settings, basis })}
        data-testid="warning-erosion-basis"
      />
      {settings.basis === "peak" && (
        <InputNumber
          key={settings.window_months}
          min={1}
          max={36}
          precision={0}
          addonAfter={t("warning.erosionWindow")}
          style={{ width: 120 }}
          defaultValue={settings.window_months}
          onBlur={(e) => {
            const months = Number(e.target.value);
            if (Number.isInteger(months)) void save({ ...settings, window_months: months });
          }}
          data-testid="warning-erosion-window"
        />
      )}
    </>
  );
}
