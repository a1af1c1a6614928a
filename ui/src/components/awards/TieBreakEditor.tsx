import { Button, Select, Space, Tag, Tooltip, Typography } from "antd";
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { TieBreak } from "../../api";

export const TIE_BREAKS: TieBreak[] = ["reached_first", "more_clients", "higher_amount"];

/** The award's tie-break criteria in the order they apply: add, remove, move up or down. */
export default function TieBreakEditor({ value, onChange }: { value: TieBreak[]; onChange: (v: TieBreak[]) => void }) {
  const { t } = useTranslation();
  const unused = TIE_BREAKS.filter((c) => !value.includes(c));
  const move = (i: number, by: number) => {
    const next = [...value];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange(next);
  };
  return (
    <Space direction="vertical" size={4} data-testid="tie-breaks">
      {value.map((c, i) => (
        <Space key={c} data-testid={`tie-break-${i}`}>
          <Tag>{i + 1}</Tag>
          <Typography.Text style={{ width: 180, display: "inline-block" }}>{t(`ties.criterion.${c}`)}</Typography.Text>
          <Tooltip title={t("ties.up")}>
            <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} aria-label={t("ties.up")} />
          </Tooltip>
          <Tooltip title={t("ties.down")}>
            <Button size="small" icon={<ArrowDownOutlined />} disabled={i === value.length - 1} onClick={() => move(i, 1)} aria-label={t("ties.down")} />
          </Tooltip>
          <Tooltip title={t("ties.remove")}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => onChange(value.filter((x) => x !== c))} aria-label={t("ties.remove")} />
          </Tooltip>
        </Space>
      ))}
      <Typography.Text type="secondary">
        {value.length ? t("ties.thenShared") : t("ties.noneShared")}
      </Typography.Text>
      {unused.length > 0 && (
        <Select<TieBreak> size="small" style={{ width: 220 }} placeholder={t("ties.add")} value={null} data-testid="tie-break-add"
          onChange={(c) => onChange([...value, c])} options={unused.map((c) => ({ value: c, label: t(`ties.criterion.${c}`) }))} />
      )}
    </Space>
  );
}
