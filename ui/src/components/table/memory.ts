import { useCallback, useState } from "react";

const PREFIX = "rampart.table.";

// Settings hold ids (a team, a manager) that mean something only in their own database file.
let scope = "";

/** Which database the remembered settings belong to: the open file's path. */
export function setTableMemoryScope(dbPath: string): void {
  scope = dbPath;
}

const storageKey = (key: string) => `${PREFIX}${scope}|${key}`;

function read<T>(key: string, initial: T): T {
  try {
    const text = window.localStorage.getItem(storageKey(key));
    return text === null ? initial : { ...initial, ...(JSON.parse(text) as Partial<T>) };
  } catch {
    // A value another version wrote, or storage that is off: start from the defaults.
    return initial;
  }
}

/**
 * A table's settings (sort, filters, column widths) kept per page and per database file from one
 * launch to the next in the webview's storage. Only plain settings go here, never data from the
 * database.
 */
export function useRemembered<T extends object>(key: string, initial: T): [T, (next: T | ((prev: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => read(key, initial));
  const set = useCallback(
    (next: T | ((prev: T) => T)) =>
      setValue((prev) => {
        const value = typeof next === "function" ? (next as (prev: T) => T)(prev) : next;
        try {
          window.localStorage.setItem(storageKey(key), JSON.stringify(value));
        } catch {
          // Full or switched-off storage costs the memory, not the change.
        }
        return value;
      }),
    [key],
  );
  return [value, set];
}
