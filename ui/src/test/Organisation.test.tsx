import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { App } from "antd";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithClient } from "./render";
import "../i18n";
import Organisation from "../pages/Organisation";
import Clients from "../pages/Clients";
import type { LikelyDuplicate, OrgEntry, PersonMerge, PersonSummary } from "../api";
import { clients, people, personSummaries, reassignment, teamSummaries, teams } from "./fixtures";

const wang = personSummaries[0];
const li = personSummaries[1];
// What an import of "王 建国" would have added beside the demo's 王建国.
const spaced: PersonSummary = { ...wang, id: 99, name: "王 建国", clients: 2 };
const duplicate: LikelyDuplicate = { from_id: spaced.id, from: spaced.name, into_id: wang.id, into: wang.name };

function renderPage(handler: (cmd: string, args: Record<string, unknown>) => unknown) {
  mockIPC((cmd, args) => handler(cmd, (args ?? {}) as Record<string, unknown>));
  return renderWithClient(<App><Organisation /></App>);
}

/** Opens an antd Select inside `container` and picks the option shown as `label`. */
async function choose(container: HTMLElement, label: string) {
  fireEvent.mouseDown(within(container).getByRole("combobox"));
  const option = await screen.findByTitle(label);
  fireEvent.click(option);
}

describe("teams and people", () => {
  it("lists teams and people with their counts, and merges a likely duplicate after saying what moves", async () => {
    const merges: unknown[] = [];
    const moved: PersonMerge = { clients: 2, plan_items: 7, warnings: 1, plans: 1, achievements: 0, award_targets: 0 };
    const logged: OrgEntry = {
      id: 1, at: "2026-11-25 10:00:00", author: "王策划",
      change: { action: "people_merged", from_id: spaced.id, from: spaced.name, into_id: wang.id, into: wang.name, moved },
    };
    renderPage((cmd, args) => {
      if (cmd === "org_log") return merges.length ? [logged] : [];
      if (cmd === "teams_overview") return teamSummaries;
      if (cmd === "people_overview") return [...personSummaries, spaced];
      if (cmd === "people_duplicates") return merges.length ? [] : [duplicate];
      if (cmd === "people_list") return people;
      if (cmd === "person_merge") {
        merges.push(args);
        return moved;
      }
    });

    const teamTable = await screen.findByTestId("team-table");
    const first = teamSummaries[0];
    await waitFor(() => expect(within(teamTable).getByText(first.name)).toBeInTheDocument());
    const teamRow = within(teamTable).getByText(first.name).closest("tr")!;
    expect(teamRow, "people and clients of the team, as the core counts them").toHaveTextContent(`${first.people}${first.clients}在用`);
    const peopleTable = screen.getByTestId("people-table");
    const wangRow = within(peopleTable).getByText(wang.name).closest("tr")!;
    expect(wangRow).toHaveTextContent(`客户经理在用${wang.clients}`);

    const suggestion = await screen.findByTestId("duplicates");
    expect(suggestion).toHaveTextContent("“王 建国” 可能就是 “王建国”");
    fireEvent.click(within(suggestion).getByTestId(`duplicate-${spaced.id}-merge`));
    const says = await screen.findByTestId("merge-says");
    expect(says, "the confirmation says what moves before anything does").toHaveTextContent("王 建国 负责的 2 个客户");
    expect(says).toHaveTextContent("归入 王建国，然后删除 王 建国");
    expect(merges).toEqual([]);

    fireEvent.click(screen.getByTestId("merge-ok"));
    await waitFor(() => expect(merges).toEqual([{ from: spaced.id, into: wang.id }]));
    expect(await screen.findByText("已合并：2 个客户、7 个计划事项、1 条预警、1 个计划团队")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId("duplicates"), "the suggestion goes once merged").not.toBeInTheDocument());
    expect(await screen.findByTestId("org-log"), "the log words the core's codes").toHaveTextContent(
      "王策划人员 王 建国 合并到 王建国：2 个客户、7 个计划事项、1 条预警",
    );
  });

  it("previews what reassigning a person's clients moves, then applies exactly that", async () => {
    const previews: Record<string, unknown>[] = [];
    const applied: Record<string, unknown>[] = [];
    renderPage((cmd, args) => {
      if (cmd === "teams_overview") return teamSummaries;
      if (cmd === "people_overview") return personSummaries;
      if (cmd === "people_duplicates") return [];
      if (cmd === "people_list") return people;
      if (cmd === "reassign_preview") {
        previews.push(args);
        return reassignment;
      }
      if (cmd === "reassign_apply") {
        applied.push(args);
        return reassignment;
      }
    });

    fireEvent.click(await screen.findByTestId(`person-${wang.id}-reassign`));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByTestId("reassign-scope")).toHaveTextContent(`${wang.name} 负责的全部 ${wang.clients} 个客户`);
    expect(within(dialog).getByTestId("reassign-ok"), "nothing to confirm before a preview").toBeDisabled();
    expect(previews, "no preview before a manager is chosen").toEqual([]);

    await choose(within(dialog).getByTestId("reassign-to"), `${li.name}（${li.team}）`);
    const table = await within(dialog).findByTestId("reassign-preview");
    const group = reassignment.groups[0];
    const row = within(table).getByText(group.from!).closest("tr")!;
    expect(row).toHaveTextContent(
      `${group.from}${group.clients}${group.open_items}${group.open_warnings}${group.closed_items}${group.closed_warnings}`,
    );
    expect(within(dialog).getByTestId("reassign-summary")).toHaveTextContent(
      `将把 ${reassignment.clients} 个客户、${reassignment.open_items} 个未完成计划事项和 ${reassignment.open_warnings} 条未结预警转给 李晓明`,
    );
    expect(previews.at(-1)).toEqual({ query: { account_manager_id: wang.id, offset: 0, limit: 0 }, to: li.id });

    fireEvent.click(within(dialog).getByTestId("reassign-ok"));
    await waitFor(() => expect(applied, "the action takes the clients the preview showed").toEqual([previews.at(-1)]));
    expect(await screen.findByText(`已将 ${reassignment.clients} 个客户转给 李晓明，随之转移 ${reassignment.open_items} 个计划事项、${reassignment.open_warnings} 条预警`)).toBeInTheDocument();
  });

  it("reassigns the clients the client table's filter shows, not only its page", async () => {
    const previews: Record<string, unknown>[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "clients_page") return clients;
      if (cmd === "teams_list") return teams;
      if (cmd === "people_list") return people;
      if (cmd === "import_batches") return [];
      if (cmd === "reassign_preview") {
        previews.push(args as Record<string, unknown>);
        return reassignment;
      }
    });
    renderWithClient(<App><Clients campaignId={1} /></App>);
    await screen.findByText(clients.rows[0].name);
    fireEvent.click(screen.getByTestId("reassign-open"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByTestId("reassign-scope")).toHaveTextContent(`当前筛选出的全部 ${clients.total} 个客户`);
    await choose(within(dialog).getByTestId("reassign-to"), `${li.name}（${li.team}）`);
    await within(dialog).findByTestId("reassign-preview");
    expect(previews.at(-1)).toMatchObject({ query: { campaign_id: 1, offset: 0, limit: 0, sort: "code" }, to: li.id });
  });
});
