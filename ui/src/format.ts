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
