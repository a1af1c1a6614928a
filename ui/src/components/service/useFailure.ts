import { useCallback } from "react";
import { App } from "antd";
import { useExplain } from "../../queries/errors";

/** Shows a failed command's message, in the UI's language, as a toast. */
export function useFailure(): (e: unknown) => void {
  const { message } = App.useApp();
  const explain = useExplain();
  return useCallback((e: unknown) => void message.error(explain(e)), [explain, message]);
}
