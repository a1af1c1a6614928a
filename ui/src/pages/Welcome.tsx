import type { ReactNode } from "react";
import { Card, Col, Row, Typography } from "antd";
import { CloudServerOutlined, CopyOutlined, ExperimentOutlined, ImportOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";

interface Props {
  /** The open database's file name, so the planner sees which file is empty. */
  fileName: string;
  onNew(): void;
  onCopy(): void;
  onImport(): void;
  onSample(): void;
  /** Work through the province's team server instead of this file. */
  onTeam(): void;
}

/** The first screen of a database with no campaign: each way to start is one click. */
export default function Welcome({ fileName, onNew, onCopy, onImport, onSample, onTeam }: Props) {
  const { t } = useTranslation();
  const choice = (testid: string, icon: ReactNode, title: string, hint: string, onClick: () => void) => (
    <Col xs={24} md={12} key={testid}>
      <Card hoverable onClick={onClick} data-testid={testid} style={{ height: "100%" }}>
        <Card.Meta avatar={<span style={{ fontSize: 32, color: "#b01e23" }}>{icon}</span>} title={<span style={{ fontSize: 18 }}>{title}</span>} description={hint} />
      </Card>
    </Col>
  );
  return (
    <div data-testid="welcome" style={{ maxWidth: 880, margin: "24px auto" }}>
      <Typography.Title level={3}>{t("welcome.title")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("welcome.subtitle", { name: fileName })}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {choice("welcome-new", <PlusOutlined />, t("welcome.new"), t("welcome.newHint"), onNew)}
        {choice("welcome-copy", <CopyOutlined />, t("welcome.copy"), t("welcome.copyHint"), onCopy)}
        {choice("welcome-import", <ImportOutlined />, t("welcome.import"), t("welcome.importHint"), onImport)}
        {choice("welcome-sample", <ExperimentOutlined />, t("welcome.sample"), t("welcome.sampleHint"), onSample)}
        {choice("welcome-team", <CloudServerOutlined />, t("welcome.team"), t("welcome.teamHint"), onTeam)}
      </Row>
    </div>
  );
}
