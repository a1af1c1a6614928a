//! The KPI fixture: a small campaign whose figures are counted by hand in `kpi_story.rs` and
//! `dashboard_story.rs`.

use rampart_core::Store;
use rusqlite::Connection;

/// Campaign 1 runs 1 Oct – 31 Dec 2026 with five targets; client 6 is no target and must never count.
/// High risk (default thresholds): C1 broadband at 600 元 (price), C2 agreement ends 30 Nov
/// (expiring), C3 spends 6,000 元 a month (spend). C4 and C5 are not.
pub const KPI_FIXTURE: &str = "
INSERT INTO campaigns (id, name, start_date, end_date, subsidy_budget_fen) VALUES (1, '长城计划', '2026-10-01', '2026-12-31', 1000000);
INSERT INTO teams (id, name) VALUES (1, '网吧宽频部'), (2, '鼓楼区');
INSERT INTO clients (id, code, name, category, tier, industry, team_id) VALUES
  (1, 'C1', '甲', 'sme', 'A', '教育', 1), (2, 'C2', '乙', 'sme', 'B', '医疗', 2), (3, 'C3', '丙', 'strategic', 'A', '教育', 2),
  (4, 'C4', '丁', 'sme', 'C', '', 1), (5, 'C5', '戊', 'sme', 'C', '', 2), (6, 'C6', '己', 'sme', 'A', '教育', 1);
INSERT INTO contracts (id, number, client_id, product_type, monthly_fee_fen, dec_fee_fen, end_date, fiber_to_premises) VALUES
  (1, 'K1', 1, 'broadband', 60000, 60000, NULL, 1), (2, 'K2', 2, 'mobile', 10000, 10000, '2026-11-30', 0),
  (3, 'K3', 3, 'bundle', 600000, 600000, NULL, 0), (4, 'K4', 4, 'mobile', 1000, 1000, NULL, 0),
  (5, 'K5', 5, 'broadband', 20000, 20000, NULL, 0), (6, 'K6', 6, 'broadband', 90000, 90000, NULL, 1);
INSERT INTO campaign_targets VALUES (1, 1), (1, 2), (1, 3), (1, 4), (1, 5);
INSERT INTO metrics (campaign_id, code, name) VALUES (1, 'locked_agreements', '存量协议锁定'), (1, 'mobile_users', '移动业务发展');

-- Plans: P1 (C1) made 5 Oct; P2 (C2) made 10 Nov; P3 (C4) from before the log, deleted 30 Nov; P4 (C3) made 1 Dec;
-- P5 (C6) is no target's.
INSERT INTO plans (id, campaign_id, client_id, deleted_at) VALUES (1, 1, 1, NULL), (2, 1, 2, NULL), (3, 1, 4, '2026-11-30 10:00:00'),
  (4, 1, 3, NULL), (5, 1, 6, NULL);
INSERT INTO plan_log (plan_id, at, author, field, from_value, to_value) VALUES
  (1, '2026-10-05 09:00:00', 't', 'plan', '', 'created'), (2, '2026-11-10 09:00:00', 't', 'plan', '', 'created'),
  (4, '2026-12-01 09:00:00', 't', 'plan', '', 'created'), (5, '2026-10-01 09:00:00', 't', 'plan', '', 'created');
INSERT INTO plan_items (plan_id, position, kind, title, due_date, status, done_on) VALUES
  (1, 0, 'visit', '拜访', '2026-12-31', 'done', '2026-10-10'), (1, 1, 'visit', '方案', '2026-12-31', 'done', '2026-11-20'),
  (1, 2, 'visit', '签约', '2026-12-31', 'not_started', NULL), (2, 0, 'visit', '拜访', '2026-12-31', 'done', '2026-11-15'),
  (3, 0, 'visit', '拜访', '2026-12-31', 'done', '2026-10-03');

-- Warnings: W5 retained 7 Oct; W1 retained 20 Oct; W2 lost 10 Nov; W3 retained 1 Dec; W4 still open; W6 is C6's.
INSERT INTO warnings (campaign_id, contract_id, reason, period, previous_period, was_in_network, was_tariff_fen, in_network, tariff_fen,
                      raised_on, status, contacted_on, closed_on) VALUES
  (1, 1, 'downgrade', '2026-10', '2026-09', 1, 60000, 1, 40000, '2026-10-05', 'retained', '2026-10-06', '2026-10-20'),
  (1, 2, 'left', '2026-10', '2026-09', 1, 10000, 0, 0, '2026-10-06', 'lost', '2026-10-07', '2026-11-10'),
  (1, 3, 'downgrade', '2026-11', '2026-10', 1, 600000, 1, 500000, '2026-11-01', 'retained', '2026-11-02', '2026-12-01'),
  (1, 5, 'left', '2026-12', '2026-11', 1, 20000, 0, 0, '2026-12-10', 'to_contact', NULL, NULL),
  (1, 4, 'downgrade', '2026-10', '2026-09', 1, 1000, 1, 500, '2026-10-07', 'retained', '2026-10-07', '2026-10-07'),
  (1, 6, 'left', '2026-10', '2026-09', 1, 90000, 0, 0, '2026-10-02', 'lost', '2026-10-02', '2026-10-03');

-- Snapshots: K1 600 元 in Sep, 400 in Nov; K2 100 in Oct, gone in Dec; K3 6,000 in Oct; K6 is no target's.
INSERT INTO billing_snapshots (campaign_id, contract_id, period, in_network, tariff_fen) VALUES
  (1, 1, '2026-09', 1, 60000), (1, 1, '2026-11', 1, 40000), (1, 2, '2026-10', 1, 10000), (1, 2, '2026-12', 0, 0),
  (1, 3, '2026-10', 1, 600000), (1, 6, '2026-09', 1, 90000), (1, 6, '2026-12', 0, 0);

-- 存量协议锁定: 3 on 5 Oct (1,000 元, C1), 2 on 1 Nov (500 元, C2), 5 on 20 Dec (教育, no client).
INSERT INTO achievements (campaign_id, date, metric, team_id, quantity, amount_fen, client_id, industry) VALUES
  (1, '2026-10-05', 'locked_agreements', 1, 3, 100000, 1, NULL), (1, '2026-11-01', 'locked_agreements', 2, 2, 50000, 2, NULL),
  (1, '2026-12-20', 'locked_agreements', 2, 5, 0, NULL, '教育'), (1, '2026-10-01', 'mobile_users', 1, 100, 0, NULL, NULL);

-- Key people: C1 on 3 Oct, C2 on 25 Oct, C3 on 5 Nov (past 30 days), C6 (no target) on 2 Oct.
INSERT INTO key_person_changes (client_id, changed_on, old_name, old_phone, new_name, new_phone, recorded_at, author) VALUES
  (1, '2026-10-03', '', '', '张', '1', '2026-10-03 09:00:00', 't'), (2, '2026-10-25', '', '', '李', '2', '2026-10-25 09:00:00', 't'),
  (3, '2026-11-05', '', '', '王', '3', '2026-11-05 09:00:00', 't'), (6, '2026-10-02', '', '', '赵', '4', '2026-10-02 09:00:00', 't');
";

/// A database file under `dir` with the fixture and then `extra` rows.
pub fn kpi_store(dir: &tempfile::TempDir, extra: &str) -> Store {
    let path = dir.path().join("kpi.db");
    drop(Store::open(&path).expect("a new database"));
    Connection::open(&path).expect("open").execute_batch(KPI_FIXTURE).expect("fixture rows");
    Connection::open(&path).expect("open").execute_batch(extra).expect("extra rows");
    Store::open(&path).expect("reopen")
}
