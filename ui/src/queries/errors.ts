import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api";

/** The core's message for a failure in the given language; anything else as text. */
export function messageFor(error: unknown, language: string): string {
  return error instanceof ApiError ? error.message_for(language) : String(error);
}

/** Turns failures into the message in the UI's current language. */
export function useExplain(): (error: unknown) => string {
  const { i18n } = useTranslation();
  return useCallback((error: unknown) => messageFor(error, i18n.language), [i18n.language]);
}

/**
 * A page's failure: the last command that failed (`fail`), else the first failed query passed
 * in. The error itself is kept, not its text, so switching language re-words it. `clear`
 * dismisses what is shown; a query's failure shows again only if it fails again.
 */
export function useServerError(...queryErrors: unknown[]) {
  const explain = useExplain();
  const [failed, setFailed] = useState<{ error: unknown } | null>(null);
  const [dismissed, setDismissed] = useState<unknown>(null);
  const fromQuery = queryErrors.find((e) => e != null && e !== dismissed) ?? null;
  const error = failed ? failed.error : fromQuery;
  const fail = useCallback((e: unknown) => setFailed({ error: e }), []);
  const clear = useCallback(() => {
    setFailed(null);
    setDismissed(fromQuery);
  }, [fromQuery]);
  return { failure: failed || fromQuery ? explain(error) : null, fail, clear, explain };
}
