import type { TFunction } from "i18next";
import type { TieFigure, TieReason } from "../../api";
import { formatFen } from "../../format";

function figure(f: TieFigure): string {
  switch (f.kind) {
    case "date":
      return f.value ? f.value.slice(5) : "—";
    case "count":
      return String(f.value);
    case "amount":
      return formatFen(f.value);
  }
}

/** Why an entrant comes after the one just above with the same score: "达成日期较早 (10-12 vs 10-19)",
 *  the entrant above's figure first. */
export function tieReasonText(t: TFunction, reason: TieReason): string {
  return t("ties.reason", { criterion: t(`ties.criterion.${reason.criterion}`), above: figure(reason.above), this: figure(reason.this) });
}
