import { useState } from "react";
import type { Picked } from "../api";

/**
 * The checked-import flow the import dialogs share: a file is picked, checked by a dry run
 * (nothing written), its problems shown, and only a clean check can be applied, by the same
 * token. `check` and `apply` are the command with dry-run on and off.
 */
export function useCheckedImport<R>({ check, apply, onError }: {
  check: (file: string) => Promise<R>;
  apply: (file: string) => Promise<R>;
  onError: (e: unknown) => void;
}) {
  const [file, setFile] = useState<string | null>(null);
  const [report, setReport] = useState<R | null>(null);
  const [applied, setApplied] = useState(false);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setFile(null);
    setReport(null);
    setApplied(false);
  };

  /** Lets the user pick a file; returns its token (also kept), or null when they cancel. */
  const pick = async (picker: () => Promise<Picked | null>): Promise<string | null> => {
    try {
      const picked = await picker();
      if (!picked) return null;
      setFile(picked.token);
      setReport(null);
      setApplied(false);
      return picked.token;
    } catch (e) {
      onError(e);
      return null;
    }
  };

  /** The dry run of `token` (by default the picked file). */
  const runCheck = async (token = file): Promise<R | null> => {
    if (!token) return null;
    setBusy(true);
    try {
      const checked = await check(token);
      setReport(checked);
      setApplied(false);
      return checked;
    } catch (e) {
      setReport(null);
      onError(e);
      return null;
    } finally {
      setBusy(false);
    }
  };

  /** Pick, then check straight away. */
  const pickAndCheck = async (picker: () => Promise<Picked | null>) => {
    const token = await pick(picker);
    if (token) await runCheck(token);
  };

  /** Writes the checked file; the report stays, marked applied. */
  const runApply = async (): Promise<R | null> => {
    if (!file) return null;
    setBusy(true);
    try {
      const written = await apply(file);
      setReport(written);
      setApplied(true);
      return written;
    } catch (e) {
      onError(e);
      return null;
    } finally {
      setBusy(false);
    }
  };

  return { file, report, applied, busy, pick, check: runCheck, pickAndCheck, apply: runApply, reset };
}
