import { act, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useRemembered } from "../components/table/memory";

function Probe({ id }: { id: string }) {
  const [value, setValue] = useRemembered(id, { sort: "code", search: "" });
  return (
    <button data-testid="probe" onClick={() => setValue((v) => ({ ...v, sort: "name", search: "鼓楼" }))}>
      {value.sort} {value.search}
    </button>
  );
}

describe("table memory", () => {
  it("gives a table back the sort and filters it had when the app was last closed", () => {
    const first = render(<Probe id="clients.query" />);
    expect(screen.getByTestId("probe")).toHaveTextContent("code");
    act(() => screen.getByTestId("probe").click());
    first.unmount();
    // A new mount reads storage afresh, as the next launch does.
    render(<Probe id="clients.query" />);
    expect(screen.getByTestId("probe"), "the planner's sort and search come back").toHaveTextContent("name 鼓楼");
  });

  it("keeps each page's settings apart and starts from the defaults when storage holds junk", () => {
    window.localStorage.setItem("rampart.table.warnings.query", "{not json");
    render(<Probe id="warnings.query" />);
    expect(screen.getByTestId("probe"), "unreadable settings fall back to the defaults").toHaveTextContent("code");
  });
});
