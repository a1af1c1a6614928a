import { useCallback, useEffect, useState } from "react";
import { Button, Dropdown, type MenuProps } from "antd";
import { DownOutlined, FileOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { fileApi, type DbInfo, type RecentFile } from "../api";

export type FileAction = "new" | "open" | "saveAs" | "openSample";

/** Ctrl (⌘ on a Mac) + key for each action, as desktop programs have them. */
const SHORTCUTS: { action: FileAction; key: string; shift: boolean; label: string }[] = [
  { action: "new", key: "n", shift: false, label: "Ctrl+N" },
  { action: "open", key: "o", shift: false, label: "Ctrl+O" },
  { action: "saveAs", key: "s", shift: true, label: "Ctrl+Shift+S" },
];

/**
 * Runs a file action; resolves to the database now open, or null when the planner cancelled.
 * Shared by the menu, its shortcuts and the sample banner.
 */
export function runFileAction(action: FileAction): Promise<DbInfo | null> {
  switch (action) {
    case "new":
      return fileApi.create();
    case "open":
      return fileApi.open();
    case "saveAs":
      return fileApi.saveAs();
    case "openSample":
      return fileApi.openSample();
  }
}

/** 文件 menu: 新建 / 打开 / 最近打开 / 另存为 / 打开示例活动 / 连接团队服务器, with the open file's name beside it. */
export default function FileMenu({ fileName, onSwitched, onError, onTeam }: { fileName: string; onSwitched(info: DbInfo): void; onError(e: unknown): void; onTeam?(): void }) {
  const { t } = useTranslation();
  const [recent, setRecent] = useState<RecentFile[]>([]);

  const run = useCallback(async (work: () => Promise<DbInfo | null>) => {
    try {
      const info = await work();
      if (info) onSwitched(info);
    } catch (e) {
      onError(e);
    }
  }, [onSwitched, onError]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const hit = SHORTCUTS.find((s) => s.key === e.key.toLowerCase() && s.shift === e.shiftKey);
      if (!hit) return;
      e.preventDefault();
      void run(() => runFileAction(hit.action));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [run]);

  const shortcut = (action: FileAction) => SHORTCUTS.find((s) => s.action === action)?.label;
  const items: MenuProps["items"] = [
    { key: "new", label: <span data-testid="file-new">{t("file.new")}</span>, extra: shortcut("new") },
    { key: "open", label: <span data-testid="file-open">{t("file.open")}</span>, extra: shortcut("open") },
    {
      key: "recent",
      label: <span data-testid="file-recent">{t("file.recent")}</span>,
      children: recent.length === 0
        ? [{ key: "recent-none", label: t("file.noRecent"), disabled: true }]
        : recent.map((f) => ({ key: `recent:${f.path}`, label: <span title={f.path} data-testid="file-recent-item">{f.name}</span> })),
    },
    { key: "saveAs", label: <span data-testid="file-save-as">{t("file.saveAs")}</span>, extra: shortcut("saveAs") },
    { type: "divider" },
    { key: "openSample", label: <span data-testid="file-open-sample">{t("file.openSample")}</span> },
    ...(onTeam ? [{ type: "divider" as const }, { key: "team", label: <span data-testid="file-team">{t("team.connect")}</span> }] : []),
  ];

  const onClick: MenuProps["onClick"] = ({ key }) => {
    if (key === "team") onTeam?.();
    else if (key.startsWith("recent:")) void run(() => fileApi.openRecent(key.slice("recent:".length)));
    else if (key !== "recent-none") void run(() => runFileAction(key as FileAction));
  };

  return (
    <Dropdown
      trigger={["click"]}
      menu={{ items, onClick }}
      onOpenChange={(open) => {
        if (open) fileApi.recent().then(setRecent, () => setRecent([]));
      }}
    >
      <Button icon={<FileOutlined />} data-testid="file-menu">
        {t("file.menu")} <span data-testid="db-file-name" title={t("file.current", { name: fileName })} style={{ color: "#8c8c8c", marginLeft: 4 }}>{fileName}</span> <DownOutlined />
      </Button>
    </Dropdown>
  );
}
