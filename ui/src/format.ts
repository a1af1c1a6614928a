// Money crosses IPC as integer fen; these turn it into 元 for people and back.
const yuan = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatFen(fen: number): string {
  return yuan.format(fen / 100);
}

export function fenFromYuan(value: number | null | undefined): number {
  return Math.round((value ?? 0) * 100);
}

/** Basis points as a percentage: 4000 → "40%", 5250 → "52.5%". */
export function formatBp(bp: number): string {
  return `${Number((bp / 100).toFixed(2))}%`;
}

/** An InputNumber `formatter` for 元 amounts, shown as formatFen shows them: "150,000.00" once
 *  typed, "150,000.5" while typing (a formatter replaces the input's own precision, so it pads here).
 *  The input's default parser already drops the separators again. */
export function formatYuanInput(value: string | number | undefined, info?: { userTyping: boolean }): string {
  if (value === undefined || value === "") return "";
  const text = String(value);
  const shown = !info?.userTyping && Number.isFinite(Number(text)) ? Number(text).toFixed(2) : text;
  const [whole, fraction] = shown.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

const whole = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: 0 });

/** A count or a number of points, with thousands separators: 244,610. */
export function formatCount(n: number): string {
  return whole.format(n);
}
