import { useState } from "react";
import { Input, Modal, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Warning, WarningStatus } from "../../api";

/** Moving a warning to another status, with a note (required when it is lost). Keyed by the move, so each starts with an empty note. */
export default function WarningMove({ moving, onMove, onCancel }: {
  moving: { warning: Warning; to: WarningStatus } | null;
  onMove: (note: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState("");
  return (
    <Modal
      open={!!moving}
      title={moving ? t("warning.to", { status: t(`warning.status.${moving.to}`) }) : ""}
      onOk={() => onMove(note)}
      onCancel={onCancel}
      okButtonProps={{ disabled: moving?.to === "lost" && !note.trim(), ...({ "data-testid": "warning-move-ok" } as Record<string, string>) }}
      destroyOnClose
    >
      {moving && (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Typography.Text>{moving.warning.client_code} {moving.warning.client} · {moving.warning.contract}</Typography.Text>
          <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t("warning.note")} data-testid="warning-note" autoFocus />
          {moving.to === "lost" && !note.trim() && <Typography.Text type="danger">{t("warning.noteRequired")}</Typography.Text>}
        </Space>
      )}
    </Modal>
  );
}
