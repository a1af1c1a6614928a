import { describe, expect, it } from "vitest";
import { fireEvent, screen, waitFor } from "@testing-library/react";
import { App } from "antd";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithClient } from "./render";
import "../i18n";
import ImportDialog from "../components/ImportDialog";

const inspection = {
  file: "客户清单.csv", sheet: null, header_line: 1, missing: [],
  columns: [
    { header: "客户编码", field: "client_code", samples: ["KH001", "KH002"] },
    { header: "客户名称", field: "client_name", samples: ["徐州甲公司"] },
    { header: "客户类别", field: "category", samples: ["中小企业"] },
    { header: "客户等级", field: "tier", samples: ["B"] },
    { header: "备用", field: null, samples: [] },
  ],
};
const counts = { clients_created: 0, clients_updated: 0, contracts_created: 0, contracts_updated: 0, teams_created: 0, managers_created: 0, targets_added: 0 };
const refused = {
  file: "客户清单.csv", sheet: null, header_line: 1, rows: 2, ignored_columns: [], more_problems: 0, counts, dry_run: true, written: false,
  problems: [{ line: 3, column: "客户等级", value: "D", message_zh: "只能是 A、B、C", message_en: "must be A, B or C" }],
};

describe("import dialog", () => {
  it("shows each column's values while mapping, offers the template, and goes back from the problems to the columns", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "import_pick_file") return { token: "t1", names: ["客户清单.csv"] };
      if (cmd === "import_inspect") return inspection;
      if (cmd === "import_run") return refused;
      if (cmd === "tracker_pick_target") return { token: "t2", names: ["客户清单导入模板.xlsx"] };
      if (cmd === "import_template_export") return null;
    });
    renderWithClient(<App><ImportDialog campaignId={null} onClose={() => {}} onImported={() => {}} /></App>);
    fireEvent.click(await screen.findByTestId("import-template"));
    await waitFor(() => expect(calls, "the template is written where the planner chose").toContain("import_template_export"));

    fireEvent.click(screen.getByTestId("import-pick"));
    expect(await screen.findByText("KH001 · KH002"), "a column's first values beside its header").toBeInTheDocument();
    fireEvent.click(screen.getByTestId("import-check"));
    expect(await screen.findByTestId("import-problems")).toBeInTheDocument();
    fireEvent.click(screen.getByTestId("import-back-to-map"));
    expect(await screen.findByTestId("import-check"), "back on the mapping step with the same file").toBeInTheDocument();
  });
});
