import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { App } from "antd";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithClient } from "./render";
import "../i18n";
import TeamItems from "../components/team/TeamItems";
import TeamClients from "../components/team/TeamClients";
import TeamLoginModal from "../components/team/TeamLoginModal";
import TeamPasswordModal from "../components/team/TeamPasswordModal";
import type { TeamClientDetail, TeamPlanItem, TeamSession, TeamTrackerReport } from "../api";

// An item as the team server sends it: its version is what a change is made on.
const item: TeamPlanItem = {
  id: 41, client_id: 9, client_code: "GW0000009", client: "玄武税务局（9）", district: "玄武区", kind: "expert", title: "专家服务",
  owner_id: 25, owner: "张伟", due: "2026-10-06", status: "not_started", done_on: null, blocked_reason: "", note: "", late: true, version: 3,
};

const page = <T,>(rows: T[]) => ({ total: rows.length, offset: 0, rows });

/** Opens an antd Select inside `container` and picks the option shown as `label`. */
async function choose(container: HTMLElement, label: string) {
  fireEvent.mouseDown(within(container).getByRole("combobox"));
  fireEvent.click(await screen.findByTitle(label));
}

describe("team mode", () => {
  it("changes a status on the version shown, and shows the other person's change when it lost the race", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "team_plan_items") return page([item]);
      if (cmd === "team_set_item_status") {
        sent.push(args);
        return { outcome: "stale", current: { ...item, status: "done", done_on: "2026-10-19", version: 4 } };
      }
    });
    renderWithClient(<App><TeamItems campaignId={1} canEdit /></App>);
    const status = await screen.findByTestId(`team-item-status-${item.id}`);
    expect(screen.getByTestId("team-items")).toHaveTextContent("已逾期");
    await choose(status, "进行中");
    await waitFor(() => expect(sent).toEqual([{ id: 41, version: 3, status: "in_progress", doneOn: null, blockedReason: "" }]));
    expect((await screen.findAllByText("已被他人修改，未保存你的更改")).length).toBeGreaterThan(0);
    expect(screen.getAllByText(/刚被他人改为「已完成」/).length, "the winner's value is shown, not silently replaced").toBeGreaterThan(0);
  });

  it("asks why before blocking an item, and offers no change to a role that only looks", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "team_plan_items") return page([item]);
      if (cmd === "team_set_item_status") {
        sent.push(args);
        return { outcome: "saved", value: { ...item, status: "blocked", blocked_reason: "客户暂停采购", version: 4 } };
      }
    });
    const { unmount } = renderWithClient(<App><TeamItems campaignId={1} canEdit /></App>);
    await choose(await screen.findByTestId(`team-item-status-${item.id}`), "受阻");
    const ok = await screen.findByTestId("team-note-ok");
    expect(ok, "a blocked item needs its reason").toBeDisabled();
    fireEvent.change(screen.getByTestId("team-note"), { target: { value: "客户暂停采购" } });
    fireEvent.click(ok);
    await waitFor(() => expect(sent).toEqual([{ id: 41, version: 3, status: "blocked", doneOn: null, blockedReason: "客户暂停采购" }]));
    unmount();

    renderWithClient(<App><TeamItems campaignId={1} canEdit={false} /></App>);
    expect(await screen.findByText("未开始")).toBeInTheDocument();
    expect(screen.queryByTestId(`team-item-status-${item.id}`), "a viewer sees the status, with nothing to change it").not.toBeInTheDocument();
  });

  it("shows key persons' phones as the server gives them, with why some are masked", async () => {
    const detail: TeamClientDetail = {
      id: 9, campaign_id: 1, code: "GW0000009", name: "玄武税务局（9）", category: "sme", district_id: 1, district: "玄武区", manager_id: 25, manager: "张伟",
      version: 1, key_persons: [{ id: 3, name: "王芳", title: "主要负责人", phone: "138****5678", version: 1 }],
    };
    mockIPC((cmd) => {
      if (cmd === "team_clients") return page([detail]);
      if (cmd === "team_client") return detail;
    });
    renderWithClient(<App><TeamClients campaignId={1} /></App>);
    fireEvent.click(await screen.findByText("玄武税务局（9）"));
    expect(await screen.findByTestId("team-phone")).toHaveTextContent("138****5678");
    expect(screen.getByText(/只显示前三位和后四位/)).toBeInTheDocument();
  });

  it("logs in with the remembered server and account, and says why a login failed", async () => {
    let tries = 0;
    const session: TeamSession = { server: "http://127.0.0.1:8080", account: { id: 5, login: "dp01", name: "玄武区策划", role: "district_planner", district_id: 1, district: "玄武区" } };
    mockIPC((cmd, args) => {
      if (cmd === "team_remembered") return { server: "http://10.1.2.3:8080", login: "dp01", active: false };
      if (cmd === "team_login") {
        tries += 1;
        if ((args as { password: string }).password !== "right") throw { code: "bad_login", message_zh: "用户名或密码不正确", message_en: "Wrong user name or password", fields: [] };
        return session;
      }
    });
    const logged: TeamSession[] = [];
    renderWithClient(<App><TeamLoginModal open onClose={() => undefined} onLoggedIn={(s) => logged.push(s)} /></App>);
    await waitFor(() => expect(screen.getByTestId("team-server")).toHaveValue("http://10.1.2.3:8080"));
    expect(screen.getByTestId("team-user")).toHaveValue("dp01");
    fireEvent.change(screen.getByTestId("team-password"), { target: { value: "wrong" } });
    fireEvent.click(screen.getByTestId("team-login-submit"));
    expect(await screen.findByTestId("team-login-error")).toHaveTextContent("用户名或密码不正确");
    fireEvent.change(screen.getByTestId("team-password"), { target: { value: "right" } });
    fireEvent.click(screen.getByTestId("team-login-submit"));
    await waitFor(() => expect(logged).toEqual([session]));
    expect(tries).toBe(2);
  });

  it("changes the account's own password only with the current one, naming the field the server refused", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "team_change_password") {
        sent.push(args);
        if ((args as { current: string }).current !== "rampart2026") {
          throw { code: "validation", message_zh: "输入有误", message_en: "Invalid input", fields: [{ field: "current", message_zh: "不是当前密码", message_en: "is not your current password" }] };
        }
        return null;
      }
    });
    let closed = 0;
    renderWithClient(<App><TeamPasswordModal open onClose={() => { closed += 1; }} /></App>);
    fireEvent.change(screen.getByTestId("team-password-current"), { target: { value: "guess" } });
    fireEvent.change(screen.getByTestId("team-password-new"), { target: { value: "玄武新密码2026" } });
    fireEvent.change(screen.getByTestId("team-password-again"), { target: { value: "玄武新密码2027" } });
    fireEvent.click(screen.getByTestId("team-password-submit"));
    expect(await screen.findByText("两次输入的新密码不一致")).toBeInTheDocument();
    expect(sent, "two different new passwords are not sent").toEqual([]);
    fireEvent.change(screen.getByTestId("team-password-again"), { target: { value: "玄武新密码2026" } });
    fireEvent.click(screen.getByTestId("team-password-submit"));
    expect(await screen.findByText("不是当前密码"), "the server's refusal is shown on the current password's field").toBeInTheDocument();
    expect(closed).toBe(0);
    fireEvent.change(screen.getByTestId("team-password-current"), { target: { value: "rampart2026" } });
    fireEvent.click(screen.getByTestId("team-password-submit"));
    await waitFor(() => expect(closed).toBe(1));
    expect(sent).toEqual([{ current: "guess", password: "玄武新密码2026" }, { current: "rampart2026", password: "玄武新密码2026" }]);
  });
});

describe("team trackers", () => {
  const report = (over: Partial<TeamTrackerReport>): TeamTrackerReport => ({ written: false, applied: 1, unchanged: 4, problems: [], conflicts: [], ...over });

  it("checks a returned tracker on the server first, and writes nothing while a line conflicts", async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "team_plan_items") return page([item]);
      if (cmd === "tracker_pick_returned") return { token: "t1", names: ["玄武区.xlsx"] };
      if (cmd === "team_tracker_apply") {
        calls.push(args);
        return [["玄武区.xlsx", report({ conflicts: [{ row: 3, current: { ...item, status: "done", version: 4 } }] })]];
      }
    });
    renderWithClient(<App><TeamItems campaignId={1} canEdit canExchange /></App>);
    fireEvent.click(await screen.findByTestId("team-tracker-return"));
    const shown = await screen.findByTestId("team-tracker-report");
    expect(shown).toHaveTextContent("玄武区.xlsx");
    expect(shown, "the conflict shows the value saved meanwhile").toHaveTextContent("已被他人改为「已完成」");
    expect(screen.getByTestId("team-tracker-apply"), "nothing can be applied while a line conflicts").toBeDisabled();
    expect(calls).toEqual([{ files: "t1", dryRun: true }]);
  });

  it("applies a clean tracker after its check", async () => {
    const calls: { dryRun: boolean }[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "team_plan_items") return page([item]);
      if (cmd === "tracker_pick_returned") return { token: "t2", names: ["玄武区.xlsx"] };
      if (cmd === "team_tracker_apply") {
        calls.push(args as { dryRun: boolean });
        return [["玄武区.xlsx", report({ written: !(args as { dryRun: boolean }).dryRun })]];
      }
    });
    renderWithClient(<App><TeamItems campaignId={1} canEdit canExchange /></App>);
    fireEvent.click(await screen.findByTestId("team-tracker-return"));
    expect(await screen.findByTestId("team-tracker-report")).toHaveTextContent("将更改 1 项");
    const apply = screen.getByTestId("team-tracker-apply");
    await waitFor(() => expect(apply).not.toBeDisabled());
    fireEvent.click(apply);
    await waitFor(() => expect(calls.map((c) => c.dryRun)).toEqual([true, false]));
    expect((await screen.findAllByText("已写入 1 项更改")).length).toBeGreaterThan(0);
  });
});
