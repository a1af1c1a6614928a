import dayjs from "dayjs";
import type { Campaign } from "../../api";

const YEAR = /(?:19|20)\d{2}/g;
const HAS_YEAR = /(?:19|20)\d{2}/;

/**
 * What a new period of `source` starts with. A name holding a year (长城计划 2026) is the same
 * season next year: each year in it goes up by one and so do the dates. A name without one is the
 * period that follows: `suffix` is added and the dates run on from the source's last day, for as
 * many whole months as the source had (a campaign of whole months) or as many days.
 */
export function nextPeriod(source: Pick<Campaign, "name" | "start_date" | "end_date">, suffix: string): { name: string; start: string; end: string } {
  const start = dayjs(source.start_date);
  const end = dayjs(source.end_date);
  const fmt = (d: dayjs.Dayjs) => d.format("YYYY-MM-DD");
  if (HAS_YEAR.test(source.name)) {
    const name = source.name.replace(YEAR, (year) => String(Number(year) + 1));
    return { name, start: fmt(start.add(1, "year")), end: fmt(end.add(1, "year")) };
  }
  const name = `${source.name}${suffix}`;
  if (start.date() === 1 && end.isSame(end.endOf("month"), "day")) {
    const months = end.diff(start, "month") + 1;
    return { name, start: fmt(start.add(months, "month")), end: fmt(end.add(months, "month").endOf("month")) };
  }
  const nextStart = end.add(1, "day");
  return { name, start: fmt(nextStart), end: fmt(nextStart.add(end.diff(start, "day"), "day")) };
}
