import { describe, expect, it } from "vitest";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { App } from "antd";
import { mockIPC } from "@tauri-apps/api/mocks";
import { renderWithClient } from "./render";
import "../i18n";
import Clients from "../pages/Clients";
import { client, clients, clientsMatchingNetCafe, contacts, page, people, refusal, teams } from "./fixtures";

const first = clients.rows[0];

function renderClients(handler: (cmd: string, args: Record<string, unknown>) => unknown) {
  mockIPC((cmd, args) => handler(cmd, (args ?? {}) as Record<string, unknown>));
  return renderWithClient(<App><Clients campaignId={1} /></App>);
}

describe("client table", () => {
  it("shows the page the core returns and sends the search to the core", async () => {
    const queries: Record<string, unknown>[] = [];
    renderClients((cmd, args) => {
      if (cmd === "clients_page") {
        const query = args.query as Record<string, unknown>;
        queries.push(query);
        return query.search === "网咖" ? clientsMatchingNetCafe : clients;
      }
      if (cmd === "teams_list") return teams;
      if (cmd === "people_list") return people;
    });

    expect(await screen.findByText(first.name)).toBeInTheDocument();
    expect(screen.getByText("共 320 个客户")).toBeInTheDocument();
    expect(queries[0]).toMatchObject({ campaign_id: 1, offset: 0, limit: 50 });

    const search = screen.getByTestId("client-search");
    fireEvent.change(search, { target: { value: "网咖" } });
    fireEvent.keyDown(search, { key: "Enter", code: "Enter", keyCode: 13 });

    await waitFor(() => expect(screen.queryByText(first.name)).not.toBeInTheDocument());
    expect(queries.at(-1)).toMatchObject({ search: "网咖", offset: 0 });
    expect(screen.getByText("共 5 个客户")).toBeInTheDocument();
    expect(screen.getByText(clientsMatchingNetCafe.rows[0].name)).toBeInTheDocument();
  });

  it("keeps the search's answer when an earlier, slower page arrives after it", async () => {
    // The shell runs commands concurrently, so the page asked for first can be answered last.
    const held: ((page: unknown) => void)[] = [];
    renderClients((cmd, args) => {
      if (cmd === "clients_page") {
        const query = args.query as Record<string, unknown>;
        if (query.search === "网咖") return clientsMatchingNetCafe;
        // Every page asked for before the search is held until the test lets it through.
        return new Promise((resolve) => held.push(resolve));
      }
      if (cmd === "teams_list") return teams;
      if (cmd === "people_list") return people;
    });
    await waitFor(() => expect(held.length).toBeGreaterThan(0));

    const search = screen.getByTestId("client-search");
    fireEvent.change(search, { target: { value: "网咖" } });
    fireEvent.keyDown(search, { key: "Enter", code: "Enter", keyCode: 13 });
    expect(await screen.findByText("共 5 个客户")).toBeInTheDocument();

    await act(async () => {
      for (const answer of held) answer(clients);
      // One macrotask turn drains the answers' promise chains (all microtasks) up to their state
      // updates, which act then renders: after this the late answers have landed if they can.
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(screen.getByText("共 5 个客户")).toBeInTheDocument();
    expect(screen.queryByText(first.name), "a late answer to the unfiltered query must not replace the search result").not.toBeInTheDocument();
  });

  it("explains an empty result instead of showing a blank table", async () => {
    renderClients((cmd) => (cmd === "clients_page" ? page([]) : []));
    expect(await screen.findByText(/没有符合条件的客户/)).toBeInTheDocument();
  });

  it("asks the core again for the same page when Retry is pressed after a failure", async () => {
    let asked = 0;
    renderClients((cmd) => {
      if (cmd === "clients_page") {
        asked += 1;
        if (asked === 1) throw refusal("database", "数据库暂时不可用", "database unavailable");
        return page([first]);
      }
      if (cmd === "teams_list") return teams;
      if (cmd === "people_list") return people;
    });
    expect(await screen.findByText("数据库暂时不可用")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: /重\s*试/ }));
    expect(await screen.findByText(first.name), "Retry must ask again although the query is unchanged").toBeInTheDocument();
    expect(screen.queryByText("数据库暂时不可用"), "the answer clears the failure").not.toBeInTheDocument();
    expect(asked).toBe(2);
  });

  it("puts the core's field message on the field that is wrong", async () => {
    renderClients((cmd) => {
      if (cmd === "clients_page") return page([first]);
      if (cmd === "client_get") return client;
      if (cmd === "client_update")
        throw refusal("validation", "关键人电话只能包含数字、空格和 - + ( )", "Key person phone may contain only digits, spaces and - + ( )",
          [{ field: "key_person_phone", message_zh: "只能包含数字、空格和 - + ( )", message_en: "may contain only digits, spaces and - + ( )" }]);
      if (cmd === "teams_list") return teams;
      if (cmd === "people_list") return people;
    });
    fireEvent.click(await screen.findByText(first.name));
    fireEvent.click(await screen.findByTestId("client-edit"));
    fireEvent.change(await screen.findByTestId("client-key-phone"), { target: { value: "call me" } });
    fireEvent.click(screen.getByTestId("client-save"));
    expect(await screen.findByText("只能包含数字、空格和 - + ( )")).toBeInTheDocument();
  });
});

describe("gap filter", () => {
  it("takes the risk flag and the gap from the URL the overview links to, and drops the gap when its tag is closed", async () => {
    window.history.replaceState(null, "", "?area=clients&risk=any&lacking=plan");
    const queries: Record<string, unknown>[] = [];
    renderClients((cmd, args) => {
      if (cmd === "clients_page") {
        queries.push(args.query as Record<string, unknown>);
        return clients;
      }
      if (cmd === "teams_list") return teams;
      if (cmd === "people_list") return people;
    });
    await waitFor(() => expect(queries[0]).toMatchObject({ campaign_id: 1, risk: "any", lacking: "plan" }));
    expect(screen.getByTestId("risk-tag")).toHaveTextContent("风险：任一高竞争风险");
    const gap = screen.getByTestId("lacking-tag");
    expect(gap).toHaveTextContent("尚缺：没有一户一案");
    fireEvent.click(within(gap).getByRole("img", { name: "Close" }));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ risk: "any", lacking: null, offset: 0 }));
    expect(screen.queryByTestId("lacking-tag")).not.toBeInTheDocument();
    expect(window.location.search, "the URL says what the list shows").toBe("?area=clients&risk=any");
  });

  it("offers the gap among the filters", async () => {
    const queries: Record<string, unknown>[] = [];
    renderClients((cmd, args) => {
      if (cmd === "clients_page") {
        queries.push(args.query as Record<string, unknown>);
        return clients;
      }
      if (cmd === "teams_list") return teams;
      if (cmd === "people_list") return people;
    });
    expect(await screen.findByText(first.name)).toBeInTheDocument();
    fireEvent.mouseDown(within(screen.getByTestId("lacking-filter")).getByRole("combobox"));
    fireEvent.click(await screen.findByText("没有光纤到户", { selector: ".ant-select-item-option-content" }));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ lacking: "fibre", risk: null }));
    expect(screen.getByTestId("lacking-tag")).toHaveTextContent("尚缺：没有光纤到户");
  });
});

describe("contacts", () => {
  it("lists the key person on record and confirms it with one click", async () => {
    const confirmed: Record<string, unknown>[] = [];
    renderClients((cmd, args) => {
      if (cmd === "clients_page") return page([first]);
      if (cmd === "client_get") return client;
      if (cmd === "contacts_list") return contacts;
      if (cmd === "contact_confirm") {
        confirmed.push(args);
        return null;
      }
      if (cmd === "teams_list") return teams;
      if (cmd === "people_list") return people;
    });
    fireEvent.click(await screen.findByText(first.name));
    const card = await screen.findByTestId("contacts");
    expect(await within(card).findByText(contacts[0].name)).toBeInTheDocument();
    expect(within(card).getByText("客户档案"), "the record's own key person is marked as such").toBeInTheDocument();
    fireEvent.click(within(card).getByTestId("contact-confirm"));
    await waitFor(() => expect(confirmed).toEqual([{ clientId: client.id, id: null }]));
  });
});

describe("keyboard", () => {
  it("finds with /, walks the rows with the arrows, opens one with Enter, and saves with Ctrl+S", async () => {
    const { listenForShortcuts } = await import("../shortcuts");
    const stop = listenForShortcuts();
    const saved: unknown[] = [];
    try {
      renderClients((cmd, args) => {
        if (cmd === "clients_page") return clients;
        if (cmd === "client_get") return client;
        if (cmd === "client_update") {
          saved.push(args);
          return client;
        }
        if (cmd === "teams_list") return teams;
        if (cmd === "people_list") return people;
        if (cmd === "client_contacts") return contacts;
      });
      await screen.findByText(first.name);
      fireEvent.keyDown(document.body, { key: "/" });
      const search = document.querySelector("[data-testid=client-search]");
      const box = search instanceof HTMLInputElement ? search : search?.querySelector("input");
      expect(document.activeElement, "/ puts the cursor in the search box").toBe(box);
      fireEvent.keyDown(document.body, { key: "ArrowDown" });
      const rows = document.querySelectorAll("[data-testid=client-table] tbody tr.ant-table-row");
      expect(document.activeElement, "↓ from nowhere goes to the first row").toBe(rows[0]);
      fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
      expect(document.activeElement, "↓ again goes to the second").toBe(rows[1]);
      fireEvent.keyDown(document.activeElement!, { key: "ArrowUp" });
      fireEvent.keyDown(document.activeElement!, { key: "Enter" });
      fireEvent.click(await screen.findByTestId("client-edit"));
      await screen.findByTestId("client-save");
      fireEvent.keyDown(document.activeElement ?? document.body, { key: "s", ctrlKey: true });
      await waitFor(() => expect(saved, "Ctrl+S saves the open form").toHaveLength(1));
    } finally {
      stop();
    }
  });
});
