import dayjs from "dayjs";
import type { Campaign } from "../../api";

/**
 * What a new period of `source` starts with. A name holding a year (长城计划 2026) is the same
 * season next year: the year goes up by one and so do the dates. A name without one is the
 * period that follows: `suffix` is added and the dates run on from the source's last day for as
 * many days as the source had.
 */
export function nextPeriod(source: Pick<Campaign, "name" | "start_date" | "end_date">, suffix: string): { name: string; start: string; end: string } {
  const years = [...source.name.matchAll(/(19|20)\d{2}/g)];
  const start = dayjs(source.start_date);
  const end = dayjs(source.end_date);
  const last = years[years.length - 1];
  if (last && last.index !== undefined) {
    const bumped = String(Number(last[0]) + 1);
    const name = source.name.slice(0, last.index) + bumped + source.name.slice(last.index + last[0].length);
    return { name, start: start.add(1, "year").format("YYYY-MM-DD"), end: end.add(1, "year").format("YYYY-MM-DD") };
  }
  const days = end.diff(start, "day");
  const nextStart = end.add(1, "day");
  return { name: `${source.name}${suffix}`, start: nextStart.format("YYYY-MM-DD"), end: nextStart.add(days, "day").format("YYYY-MM-DD") };
}
