import { Button, Form, InputNumber, Select, Table, Typography } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { ProductType, RateRule, RuleTable, UpliftRule } from "../api";

const PRODUCTS: ProductType[] = ["fiber_only", "bundle", "broadband", "mobile"];

/** Field messages from the core, keyed like `rates.1.default_bp`. */
export type CellErrors = Record<string, string>;

function Percent({ bp, error, onChange, testId }: { bp: number; error?: string; onChange: (bp: number) => void; testId?: string }) {
  return (
    <Form.Item validateStatus={error ? "error" : undefined} help={error} style={{ margin: 0 }}>
      <InputNumber
        value={bp / 100}
        min={0}
        max={100}
        precision={2}
        suffix="%"
        style={{ width: 96 }}
        onChange={(v) => onChange(Math.round((v ?? 0) * 100))}
        data-testid={testId}
      />
    </Form.Item>
  );
}

function Months({ value, error, onChange, allowEmpty }: { value: number | null; error?: string; onChange: (v: number | null) => void; allowEmpty?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item validateStatus={error ? "error" : undefined} help={error} style={{ margin: 0 }}>
      <InputNumber
        value={value}
        min={0}
        max={600}
        precision={0}
        placeholder={allowEmpty ? t("rates.open") : undefined}
        style={{ width: 80 }}
        onChange={(v) => onChange(v ?? (allowEmpty ? null : 0))}
      />
    </Form.Item>
  );
}

/** Edits a rate table and its uplift rules; the core validates on save. */
export default function RuleTableEditor({ value, onChange, errors }: { value: RuleTable; onChange: (t: RuleTable) => void; errors: CellErrors }) {
  const { t } = useTranslation();
  const setRate = (i: number, patch: Partial<RateRule>) =>
    onChange({ ...value, rates: value.rates.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const setUplift = (i: number, patch: Partial<UpliftRule>) =>
    onChange({ ...value, uplifts: value.uplifts.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const err = (field: string) => errors[field];
  const uncovered = PRODUCTS.filter((p) => !value.rates.some((r) => r.product_type === p));

  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 12 }}>
      <Table<RateRule & { row: number }>
        size="small"
        pagination={false}
        rowKey="row"
        dataSource={value.rates.map((r, row) => ({ ...r, row }))}
        data-testid="rate-table"
        // Inside a narrower card (方案对比) the table scrolls rather than spilling out of it.
        scroll={{ x: "max-content" }}
        columns={[
          { title: t("rates.product"), render: (_, r) => (
            <Select value={r.product_type} style={{ width: 184 }} onChange={(v: ProductType) => setRate(r.row, { product_type: v })}
              options={PRODUCTS.map((p) => ({ value: p, label: t(`product.${p}`) }))} />
          ) },
          { title: t("rates.termFrom"), render: (_, r) => <Months value={r.term_from} error={err(`rates.${r.row}.term_from`)} onChange={(v) => setRate(r.row, { term_from: v ?? 0 })} /> },
          { title: t("rates.termTo"), render: (_, r) => <Months value={r.term_to} allowEmpty error={err(`rates.${r.row}.term_to`)} onChange={(v) => setRate(r.row, { term_to: v })} /> },
          { title: t("rates.min"), render: (_, r) => <Percent bp={r.min_bp} error={err(`rates.${r.row}.min_bp`)} onChange={(bp) => setRate(r.row, { min_bp: bp })} /> },
          { title: t("rates.default"), render: (_, r) => <Percent bp={r.default_bp} error={err(`rates.${r.row}.default_bp`)} onChange={(bp) => setRate(r.row, { default_bp: bp })} testId={`rate-default-${r.row}`} /> },
          { title: t("rates.max"), render: (_, r) => <Percent bp={r.max_bp} error={err(`rates.${r.row}.max_bp`)} onChange={(bp) => setRate(r.row, { max_bp: bp })} /> },
          { title: t("common.actions"), width: 76, render: (_, r) => (
            <Button type="text" danger icon={<DeleteOutlined />} aria-label={t("common.delete")}
              onClick={() => onChange({ ...value, rates: value.rates.filter((_, j) => j !== r.row) })} />
          ) },
        ]}
      />
      <div>
        <Button icon={<PlusOutlined />} onClick={() => onChange({ ...value, rates: [...value.rates, { product_type: "fiber_only", term_from: 0, term_to: null, min_bp: 3000, default_bp: 4000, max_bp: 5000 }] })}>
          {t("rates.addRate")}
        </Button>
      </div>
      {uncovered.length > 0 && (
        <Typography.Text type="secondary" data-testid="uncovered-note">
          {t("rates.uncovered", { types: uncovered.map((p) => t(`product.${p}`)).join(t("common.listSep")) })}
        </Typography.Text>
      )}
      <Typography.Title level={5} style={{ marginTop: 8 }}>{t("rates.uplifts")}</Typography.Title>
      <Table<UpliftRule & { row: number }>
        size="small"
        pagination={false}
        rowKey="row"
        dataSource={value.uplifts.map((u, row) => ({ ...u, row }))}
        scroll={{ x: "max-content" }}
        columns={[
          { title: t("rates.termOver"), render: (_, u) => <Months value={u.term_over} error={err(`uplifts.${u.row}.term_over`)} onChange={(v) => setUplift(u.row, { term_over: v ?? 0 })} /> },
          { title: t("rates.upliftMin"), render: (_, u) => <Percent bp={u.min_bp} error={err(`uplifts.${u.row}.min_bp`)} onChange={(bp) => setUplift(u.row, { min_bp: bp })} /> },
          { title: t("rates.upliftDefault"), render: (_, u) => <Percent bp={u.default_bp} error={err(`uplifts.${u.row}.default_bp`)} onChange={(bp) => setUplift(u.row, { default_bp: bp })} /> },
          { title: t("rates.upliftMax"), render: (_, u) => <Percent bp={u.max_bp} error={err(`uplifts.${u.row}.max_bp`)} onChange={(bp) => setUplift(u.row, { max_bp: bp })} /> },
          { title: t("common.actions"), width: 76, render: (_, u) => (
            <Button type="text" danger icon={<DeleteOutlined />} aria-label={t("common.delete")}
              onClick={() => onChange({ ...value, uplifts: value.uplifts.filter((_, j) => j !== u.row) })} />
          ) },
        ]}
      />
      <div>
        <Button icon={<PlusOutlined />} onClick={() => onChange({ ...value, uplifts: [...value.uplifts, { term_over: 36, min_bp: 3000, default_bp: 4000, max_bp: 5000 }] })}>
          {t("rates.addUplift")}
        </Button>
      </div>
    </div>
  );
}
