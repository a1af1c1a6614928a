import { useState } from "react";
import { Alert, App, Button, Card, Input, Modal, Space, Table, Tag } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { LikelyDuplicate, PersonSummary, Role, TeamSummary } from "../api";
import { useDuplicates, useOrgChanges, useOrgPeople, useOrgTeams } from "../queries/org";
import { useExplain, useServerError } from "../queries/errors";
import ReassignModal from "../components/org/ReassignModal";
import OrgLog from "../components/org/OrgLog";
import PersonModal, { type Editing } from "../components/org/PersonModal";
import MergeModal, { type Merging } from "../components/org/MergeModal";


/** Teams and people kept by hand: create, rename, deactivate, merge, and reassign a person's clients. */
export default function Organisation() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const explain = useExplain();
  const teamsQuery = useOrgTeams();
  const peopleQuery = useOrgPeople();
  const duplicatesQuery = useDuplicates();
  const teams = teamsQuery.data ?? [];
  const people = peopleQuery.data ?? [];
  const duplicates = duplicatesQuery.data ?? [];
  const { failure } = useServerError(teamsQuery.error, peopleQuery.error, duplicatesQuery.error);
  const changes = useOrgChanges();
  const [newTeam, setNewTeam] = useState("");
  const [renaming, setRenaming] = useState<{ team: TeamSummary; name: string } | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [merging, setMerging] = useState<Merging | null>(null);
  const [reassigning, setReassigning] = useState<PersonSummary | null>(null);

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
      return true;
    } catch (e) {
      message.error(explain(e));
      return false;
    }
  };

  const createTeam = async () => {
    if (await run(() => changes.createTeam.mutateAsync(newTeam), t("common.saved"))) setNewTeam("");
  };
  const rename = async () => {
    if (!renaming) return;
    if (await run(() => changes.renameTeam.mutateAsync({ id: renaming.team.id, name: renaming.name }), t("common.saved"))) setRenaming(null);
  };
  const savePerson = async () => {
    if (!editing) return;
    const { id, input } = editing;
    const work = () => (id === null ? changes.createPerson.mutateAsync(input) : changes.updatePerson.mutateAsync({ id, input }));
    if (await run(work, t("common.saved"))) setEditing(null);
  };
  const merge = async () => {
    if (!merging || merging.into === null) return;
    const into = merging.into;
    try {
      if (merging.kind === "team") {
        const moved = await changes.mergeTeams.mutateAsync({ from: merging.from.id, into });
        message.success(t("org.merge.teamsDone", { clients: moved.clients, people: moved.people, campaigns: moved.campaigns }));
      } else {
        const moved = await changes.mergePeople.mutateAsync({ from: merging.from.id, into });
        message.success(t("org.merge.peopleDone", { clients: moved.clients, items: moved.plan_items, warnings: moved.warnings, plans: moved.plans }));
      }
      setMerging(null);
    } catch (e) {
      message.error(explain(e));
    }
  };
  const suggest = (d: LikelyDuplicate) => {
    const from = people.find((p) => p.id === d.from_id);
    if (from) setMerging({ kind: "person", from, into: d.into_id });
  };

  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 16 }}>
      {failure && <Alert type="error" showIcon message={t("error.load")} description={failure} />}
      <Card
        title={t("org.teams.title")}
        extra={
          <Space>
            <Input placeholder={t("org.teams.newName")} value={newTeam} onChange={(e) => setNewTeam(e.target.value)} style={{ width: 200 }} data-testid="team-new-name" />
            <Button type="primary" icon={<PlusOutlined />} disabled={!newTeam.trim()} onClick={() => void createTeam()} data-testid="team-create">
              {t("org.teams.create")}
            </Button>
          </Space>
        }
      >
        <Table<TeamSummary>
          size="small"
          rowKey="id"
          pagination={false}
          loading={teamsQuery.isFetching}
          dataSource={teams}
          data-testid="team-table"
          columns={[
            { title: t("org.teams.name"), dataIndex: "name" },
            { title: t("org.teams.people"), dataIndex: "people", align: "right" },
            { title: t("org.teams.clients"), dataIndex: "clients", align: "right" },
            {
              title: t("org.active"),
              dataIndex: "active",
              render: (active: boolean) => (active ? <Tag color="green">{t("org.activeYes")}</Tag> : <Tag>{t("org.activeNo")}</Tag>),
            },
            {
              title: t("common.actions"),
              key: "actions",
              render: (_, team) => (
                <Space size="small">
                  <Button size="small" onClick={() => setRenaming({ team, name: team.name })} data-testid={`team-${team.id}-rename`}>{t("org.teams.rename")}</Button>
                  <Button
                    size="small"
                    onClick={() => void run(() => changes.setTeamActive.mutateAsync({ id: team.id, active: !team.active }), t("common.saved"))}
                    data-testid={`team-${team.id}-active`}
                  >
                    {team.active ? t("org.deactivate") : t("org.activate")}
                  </Button>
                  <Button size="small" disabled={teams.length < 2} onClick={() => setMerging({ kind: "team", from: team, into: null })} data-testid={`team-${team.id}-merge`}>
                    {t("org.merge.action")}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Card
        title={t("org.people.title")}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ id: null, input: { name: "", team_id: null, role: "account_manager", active: true } })}
            data-testid="person-new"
          >
            {t("org.people.create")}
          </Button>
        }
      >
        {duplicates.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={t("org.duplicates.title")}
            data-testid="duplicates"
            description={
              <Space direction="vertical" size={2}>
                {duplicates.map((d) => (
                  <Space key={d.from_id}>
                    <span>{t("org.duplicates.line", { from: d.from, into: d.into })}</span>
                    <Button size="small" type="link" onClick={() => suggest(d)} data-testid={`duplicate-${d.from_id}-merge`}>{t("org.merge.action")}</Button>
                  </Space>
                ))}
              </Space>
            }
          />
        )}
        <Table<PersonSummary>
          size="small"
          rowKey="id"
          loading={peopleQuery.isFetching}
          dataSource={people}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          data-testid="people-table"
          columns={[
            { title: t("org.people.name"), dataIndex: "name" },
            { title: t("org.people.team"), dataIndex: "team", render: (v: string | null) => v ?? t("common.none") },
            { title: t("org.people.role"), dataIndex: "role", render: (r: Role) => t(`org.role.${r}`) },
            {
              title: t("org.active"),
              dataIndex: "active",
              render: (active: boolean) => (active ? <Tag color="green">{t("org.activeYes")}</Tag> : <Tag>{t("org.activeNo")}</Tag>),
            },
            { title: t("org.people.clients"), dataIndex: "clients", align: "right" },
            {
              title: t("common.actions"),
              key: "actions",
              render: (_, p) => (
                <Space size="small">
                  <Button
                    size="small"
                    onClick={() => setEditing({ id: p.id, input: { name: p.name, team_id: p.team_id, role: p.role, active: p.active } })}
                    data-testid={`person-${p.id}-edit`}
                  >
                    {t("common.edit")}
                  </Button>
                  <Button size="small" onClick={() => setMerging({ kind: "person", from: p, into: null })} data-testid={`person-${p.id}-merge`}>
                    {t("org.merge.action")}
                  </Button>
                  <Button size="small" disabled={p.clients === 0} onClick={() => setReassigning(p)} data-testid={`person-${p.id}-reassign`}>
                    {t("org.reassign.open")}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <OrgLog />

      {renaming && (
        <Modal open title={t("org.teams.rename")} onCancel={() => setRenaming(null)} onOk={() => void rename()} okText={t("common.save")} cancelText={t("common.cancel")}
          okButtonProps={{ disabled: !renaming.name.trim(), "data-testid": "team-rename-ok" }}>
          <Input value={renaming.name} onChange={(e) => setRenaming({ ...renaming, name: e.target.value })} data-testid="team-rename-name" />
        </Modal>
      )}

      {editing && (
        <PersonModal editing={editing} teams={teams} onChange={setEditing} onCancel={() => setEditing(null)} onSave={() => void savePerson()} />
      )}

      {merging && (
        <MergeModal merging={merging} teams={teams} people={people} onChange={setMerging} onCancel={() => setMerging(null)} onOk={() => void merge()} />
      )}

      {reassigning && (
        <ReassignModal
          query={{ account_manager_id: reassigning.id }}
          scope={t("org.reassign.ofPerson", { name: reassigning.name, count: reassigning.clients })}
          onClose={() => setReassigning(null)}
        />
      )}
    </div>
  );
}
