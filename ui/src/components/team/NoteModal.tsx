import { useState } from "react";
import { Input, Modal } from "antd";
import { useTranslation } from "react-i18next";

/** Asks for the text a change needs (why an item is blocked, why a client was lost). */
export default function NoteModal({ title, onOk, onCancel }: { title: string; onOk(text: string): void; onCancel(): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  return (
    <Modal open title={title} onOk={() => onOk(text.trim())} onCancel={onCancel} okButtonProps={{ disabled: text.trim() === "", "data-testid": "team-note-ok" }} destroyOnHidden>
      <Input.TextArea autoFocus rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder={t("team.noteRequired")} data-testid="team-note" />
    </Modal>
  );
}
