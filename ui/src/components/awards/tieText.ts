import type { TFunction } from "i18next";
import type { Scope, TieFigure, TieReason } from "../../api";
import { formatFen } from "../../format";

function figure(t: TFunction, f: TieFigure): string {
  switch (f.kind) {
    case "date":
      return f.value ? f.value.slice(5) : "—";
    case "count":
      return t("ties.clientsFigure", { count: f.value });
    case "amount":
      return t("ties.amountFigure", { amount: formatFen(f.value) });
  }
}

/** Why an entrant comes after the one just above with the same score, each figure named as whose:
 *  "达成日期较早：上一名 10-12，本队 10-19". */
export function tieReasonText(t: TFunction, reason: TieReason, scope: Scope): string {
  return t("ties.reason", {
    criterion: t(`ties.criterionShort.${reason.criterion}`),
    above: figure(t, reason.above),
    this: figure(t, reason.this),
    self: t(scope === "team" ? "ties.thisTeam" : "ties.thisPerson"),
  });
}
