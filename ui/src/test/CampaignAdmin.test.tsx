import { describe, expect, it, vi } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { App } from "antd";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithClient } from "./render";
import i18n from "../i18n";
import type { Campaign, CampaignRemoval, CopyReport } from "../api";
import DeleteCampaignModal from "../components/campaigns/DeleteCampaignModal";
import CopyCampaignModal from "../components/campaigns/CopyCampaignModal";
import { nextPeriod } from "../components/campaigns/nextPeriod";
import Overview from "../pages/Overview";
import { campaign, refusal, summary, warningTotals } from "./fixtures";

// ECharts needs a real layout engine; the chart itself is not what these tests check.
vi.mock("../components/Chart", () => ({ default: () => null }));

const removal: CampaignRemoval = {
  campaign_id: campaign.id, name: campaign.name, removed: false, targets: 320, teams: 4, plans: 25, plan_items: 125, plan_log: 40,
  plan_template: 0, awards: 4, award_tiers: 10, award_weights: 4, award_targets: 0, award_locks: 0, metrics: 3, achievements: 180,
  warnings: 6, warning_log: 3, snapshots: 90, rule_sets: 1, scenarios: 2, rate_overrides: 1, subsidies: 320,
};

const report: CopyReport = {
  campaign_id: 7, source_name: "长城计划 2026", source_file: null, rate_rules: 9, uplift_rules: 2, metrics: 3, awards: 4, award_tiers: 10,
  award_weights: 4, award_targets: 0, template_items: 5, goals: 3, parts: 6, kpis: 18, teams: 4, teams_created: 0, targets: 320, clients_created: 0, contracts_created: 0,
  contracts_skipped: 0,
};

describe("deleting a campaign", () => {
  it("says what goes and that clients stay, and deletes only once the name is typed", async () => {
    await i18n.changeLanguage("zh-CN");
    const asked: unknown[] = [];
    const deleted = vi.fn();
    mockIPC((cmd, args) => {
      if (cmd === "campaign_removal") return removal;
      if (cmd === "campaign_delete") {
        asked.push(args);
        return { ...removal, removed: true };
      }
    });
    renderWithClient(<App><DeleteCampaignModal campaign={campaign} open onClose={() => {}} onDeleted={deleted} /></App>);
    const counts = await screen.findByTestId("delete-counts");
    expect(counts).toHaveTextContent("目标客户清单 320 户");
    expect(counts).toHaveTextContent("业绩记录 180 条");
    expect(counts, "nothing to lose is not listed").not.toHaveTextContent("已锁定的评比结果");
    expect(screen.getByText("客户、合同、团队和人员不会被删除，其他活动照常使用。")).toBeInTheDocument();

    const ok = screen.getByTestId("delete-confirm");
    expect(ok, "nothing to confirm yet").toBeDisabled();
    fireEvent.change(screen.getByTestId("delete-name"), { target: { value: "长城" } });
    expect(ok, "part of the name is not the name").toBeDisabled();
    fireEvent.change(screen.getByTestId("delete-name"), { target: { value: `${campaign.name} ` } });
    expect(ok).not.toBeDisabled();
    fireEvent.click(ok);
    await waitFor(() => expect(deleted).toHaveBeenCalledWith(expect.objectContaining({ removed: true })));
    expect(asked, "the typed name goes to the core, which checks it again").toEqual([{ id: campaign.id, typedName: `${campaign.name} ` }]);
  });

  it("shows the core's refusal of the name under the name field", async () => {
    await i18n.changeLanguage("zh-CN");
    mockIPC((cmd) => {
      if (cmd === "campaign_removal") return removal;
      if (cmd === "campaign_delete") {
        throw refusal("validation", "名称与活动名称不一致", "Name does not match the campaign's name", [
          { field: "name", message_zh: "与活动名称不一致", message_en: "does not match the campaign's name" },
        ]);
      }
    });
    const deleted = vi.fn();
    renderWithClient(<App><DeleteCampaignModal campaign={campaign} open onClose={() => {}} onDeleted={deleted} /></App>);
    fireEvent.change(await screen.findByTestId("delete-name"), { target: { value: campaign.name } });
    fireEvent.click(screen.getByTestId("delete-confirm"));
    expect(await screen.findByText("与活动名称不一致")).toBeInTheDocument();
    expect(deleted).not.toHaveBeenCalled();
  });
});

describe("copying a campaign as a new period", () => {
  const lastYear: Campaign = { ...campaign, name: "长城计划 2026" };

  it("proposes next year's name and dates, copies with the targets when asked, then shows the counts", async () => {
    await i18n.changeLanguage("zh-CN");
    const copies: unknown[] = [];
    const created = vi.fn();
    mockIPC((cmd, args) => {
      if (cmd === "campaigns_list") return [lastYear];
      if (cmd === "campaign_copy") {
        copies.push(args);
        return report;
      }
    });
    renderWithClient(<App><CopyCampaignModal open sourceId={lastYear.id} onClose={() => {}} onCreated={created} /></App>);
    await waitFor(() => expect(screen.getByTestId("copy-name")).toHaveValue("长城计划 2027"));
    fireEvent.click(screen.getByTestId("copy-with-targets"));
    fireEvent.click(screen.getByTestId("copy-submit"));
    const result = await screen.findByTestId("copy-result");
    expect(copies).toEqual([{
      sourceId: lastYear.id,
      file: null,
      input: { name: "长城计划 2027", start_date: "2027-10-01", end_date: "2027-12-31", subsidy_budget: 60000000, with_targets: true },
    }]);
    expect(within(result).getByTestId("copy-count-awards")).toHaveTextContent("4");
    expect(within(result).getByTestId("copy-count-targets")).toHaveTextContent("320");
    expect(within(result).getByTestId("copy-count-kpis"), "the goals' and battles' KPIs come along").toHaveTextContent("18");
    expect(result).toHaveTextContent("业绩、服务计划及进度、预警、账单快照、比例调整、锁定结果和手工填报的指标值不会复制。");
    fireEvent.click(screen.getByTestId("copy-open"));
    expect(created).toHaveBeenCalledWith(7);
  });

  it("copies from a campaign of another database file, naming the picked file's token", async () => {
    await i18n.changeLanguage("zh-CN");
    const copies: { file: string | null; sourceId: number }[] = [];
    const inOtherFile: Campaign = { ...campaign, id: 3, name: "长城计划 2025", start_date: "2025-10-01", end_date: "2025-12-31" };
    mockIPC((cmd, args) => {
      if (cmd === "campaigns_list") return [campaign];
      if (cmd === "campaign_pick_database") return { token: "pick-1", names: ["2025.db"] };
      if (cmd === "campaigns_in_file") return [inOtherFile];
      if (cmd === "campaign_copy") {
        copies.push(args as { file: string | null; sourceId: number });
        return { ...report, source_name: inOtherFile.name, source_file: "/data/2025.db", clients_created: 320, contracts_created: 700 };
      }
    });
    renderWithClient(<App><CopyCampaignModal open onClose={() => {}} onCreated={() => {}} /></App>);
    fireEvent.click(await screen.findByTestId("copy-from-file"));
    expect(await screen.findByTestId("copy-file")).toHaveTextContent("来自文件 2025.db");
    await waitFor(() => expect(screen.getByTestId("copy-name")).toHaveValue("长城计划 2026"));
    fireEvent.click(screen.getByTestId("copy-submit"));
    expect(await screen.findByTestId("copy-count-clientsCreated")).toHaveTextContent("320");
    expect(copies.map((c) => [c.sourceId, c.file])).toEqual([[3, "pick-1"]]);
  });

  it("proposes the following period for a name without a year", () => {
    expect(nextPeriod({ name: "长城计划", start_date: "2026-10-01", end_date: "2026-12-31" }, "（新一期）")).toEqual({
      name: "长城计划（新一期）", start: "2027-01-01", end: "2027-03-31",
    });
    expect(nextPeriod({ name: "专项行动", start_date: "2026-11-15", end_date: "2026-11-24" }, "（新一期）"), "ten days follow ten days").toEqual({
      name: "专项行动（新一期）", start: "2026-11-25", end: "2026-12-04",
    });
    expect(nextPeriod({ name: "2025-2026 冬季攻坚", start_date: "2025-11-01", end_date: "2026-02-28" }, "（新一期）")).toEqual({
      name: "2026-2027 冬季攻坚", start: "2026-11-01", end: "2027-02-28",
    });
  });
});

describe("campaign management on the overview", () => {
  it("offers to reopen and unarchive an archived campaign, and shows its teams", async () => {
    await i18n.changeLanguage("zh-CN");
    const archived: Campaign = { ...campaign, status: "closed", archived: true };
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      if (cmd === "campaign_summary") return summary;
      if (cmd === "warning_summary") return warningTotals;
      if (cmd === "teams_list") return archived.teams;
      if (cmd === "campaign_archive" || cmd === "campaign_set_status") {
        calls.push([cmd, args]);
        return { ...archived, archived: false };
      }
    });
    renderWithClient(<App><Overview campaign={archived} /></App>);
    expect(await screen.findByTestId("campaign-archived")).toHaveTextContent("已归档");
    expect(screen.getByTestId("campaign-reopen")).toBeInTheDocument();
    expect(screen.queryByTestId("campaign-close"), "a closed campaign is not closed again").not.toBeInTheDocument();
    const teams = screen.getByTestId("campaign-teams");
    expect(archived.teams.length, "the demo's teams take part").toBeGreaterThan(0);
    for (const team of archived.teams) expect(teams).toHaveTextContent(team.name);
    fireEvent.click(screen.getByTestId("campaign-archive"));
    await waitFor(() => expect(calls).toEqual([["campaign_archive", { id: archived.id, archived: false }]]));
  });

  it("keeps archiving out of reach until the campaign is closed", async () => {
    await i18n.changeLanguage("zh-CN");
    mockIPC((cmd) => {
      if (cmd === "campaign_summary") return summary;
      if (cmd === "warning_summary") return warningTotals;
      if (cmd === "teams_list") return [];
    });
    renderWithClient(<App><Overview campaign={campaign} /></App>);
    expect(await screen.findByTestId("campaign-close")).toBeInTheDocument();
    expect(screen.getByTestId("campaign-archive")).toBeDisabled();
  });
});
