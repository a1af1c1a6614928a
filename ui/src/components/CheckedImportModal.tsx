import type { ReactNode } from "react";
import { Modal } from "antd";
import type { ImportProblem } from "../api";
import ProblemTable, { type ProblemTableLayout } from "./ProblemTable";

/**
 * The checked file of a one-step import (achievements, billing snapshots): what applying it
 * will do, or its problems, in which case it cannot be applied.
 */
export default function CheckedImportModal({ open, title, problems, ready, problemsMessage, table, okText, cancelText, width, onOk, onCancel }: {
  open: boolean;
  title: string;
  problems: ImportProblem[];
  /** What a clean file will add. */
  ready: ReactNode;
  problemsMessage: ReactNode;
  table: ProblemTableLayout;
  okText?: string;
  cancelText?: string;
  width?: number;
  onOk: () => void;
  onCancel: () => void;
}) {
  return (
    <Modal open={open} title={title} onOk={onOk} onCancel={onCancel} okText={okText} cancelText={cancelText}
      okButtonProps={{ disabled: problems.length > 0 }} width={width}>
      {open && (problems.length === 0 ? ready : (
        <>
          {problemsMessage}
          <ProblemTable problems={problems} {...table} />
        </>
      ))}
    </Modal>
  );
}
