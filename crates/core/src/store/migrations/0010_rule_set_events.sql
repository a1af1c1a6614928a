-- Step 10: what the core writes on a planner's behalf when a scenario is adopted is a code in
-- `rule_sets.event`, not Chinese text in `note`, so each interface words it in its own language;
-- `note` is left for a planner's own words. The adopted scenario's name is the rule set's `name`.
-- Rows written before this step are turned back into codes; a note this step does not recognise
-- is kept as it was.

ALTER TABLE rule_sets ADD COLUMN event TEXT CHECK (event IN ('adopted_scenario', 'adopted'));

UPDATE rule_sets SET event = 'adopted_scenario', note = '' WHERE note = '采纳方案：' || name AND name <> '';
UPDATE rule_sets SET event = 'adopted', note = '' WHERE note = '已采纳' AND kind = 'discarded';
