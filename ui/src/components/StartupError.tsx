import { useState } from "react";
import { Alert, Button, Descriptions, Result, Space } from "antd";
import { useTranslation } from "react-i18next";
import { api, ApiError, type DbInfo, type StartFailure } from "../api";
import { messageFor } from "../queries/errors";
import { runFileAction } from "./FileMenu";

/**
 * The window when the database named at start could not be opened: which file, why (in the UI's
 * language), and the ways on — another file, a new one, or quitting.
 */
export default function StartupError({ failure, onOpened }: { failure: StartFailure; onOpened(info: DbInfo): void }) {
  const { t, i18n } = useTranslation();
  const [problem, setProblem] = useState<unknown>(null);
  const run = (action: "open" | "new") =>
    runFileAction(action).then((info) => info && onOpened(info), setProblem);
  return (
    <Result
      status="error"
      title={t("startup.failedTitle")}
      subTitle={t("startup.failedHint")}
      data-testid="startup-error"
      extra={
        <Space direction="vertical" size="middle" style={{ maxWidth: 640, width: "100%", textAlign: "start" }}>
          <Descriptions column={1} bordered size="small" styles={{ label: { whiteSpace: "nowrap", width: 96 } }}>
            <Descriptions.Item label={t("startup.file")}><span data-testid="startup-file" style={{ wordBreak: "break-all" }}>{failure.db_path}</span></Descriptions.Item>
            <Descriptions.Item label={t("startup.reason")}><span data-testid="startup-reason">{messageFor(new ApiError(failure.error), i18n.language)}</span></Descriptions.Item>
          </Descriptions>
          {problem != null && <Alert type="error" showIcon message={messageFor(problem, i18n.language)} />}
          <Space wrap style={{ justifyContent: "center", width: "100%" }}>
            <Button type="primary" autoFocus onClick={() => void run("open")} data-testid="startup-open">{t("startup.open")}</Button>
            <Button onClick={() => void run("new")} data-testid="startup-new">{t("startup.create")}</Button>
            <Button onClick={() => void api.quit()} data-testid="startup-quit">{t("startup.quit")}</Button>
          </Space>
        </Space>
      }
    />
  );
}
