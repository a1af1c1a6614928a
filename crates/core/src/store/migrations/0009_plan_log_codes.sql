-- Step 9: the plan activity log holds codes and values, not Chinese wording, so each interface
-- shows it in its own language. `detail` carries the values a code needs (an item's title, a
-- done date, a blocked reason) as a JSON object. Rows written before this step are turned back
-- into codes; a row this step does not recognise is kept as it was.

ALTER TABLE plan_log ADD COLUMN detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail));

UPDATE plan_log SET to_value = 'created' WHERE field = 'plan' AND from_value = '' AND to_value = '创建计划';
UPDATE plan_log SET to_value = 'deleted' WHERE field = 'plan' AND from_value = '' AND to_value = '删除计划';
UPDATE plan_log SET from_value = 'deleted', to_value = 'restored' WHERE field = 'plan' AND from_value = '删除计划' AND to_value = '恢复计划';

UPDATE plan_log SET from_value = '', to_value = 'added', detail = json_object('title', substr(to_value, 4))
    WHERE field = 'item' AND from_value = '' AND to_value LIKE '新增：%';
UPDATE plan_log SET from_value = 'deleted', to_value = 'restored', detail = json_object('title', to_value)
    WHERE field = 'item' AND from_value = '已删除';
UPDATE plan_log SET from_value = '', to_value = 'deleted', detail = json_object('title', from_value)
    WHERE field = 'item' AND to_value = '已删除';

UPDATE plan_log SET detail = json_object('done_on', substr(to_value, 5, length(to_value) - 5)), to_value = 'done'
    WHERE field = 'status' AND to_value LIKE '已完成（%）';
UPDATE plan_log SET detail = json_object('reason', substr(to_value, 4, length(to_value) - 4)), to_value = 'blocked'
    WHERE field = 'status' AND to_value LIKE '受阻（%）';
UPDATE plan_log SET
    from_value = CASE from_value WHEN '未开始' THEN 'not_started' WHEN '进行中' THEN 'in_progress' WHEN '已完成' THEN 'done' WHEN '受阻' THEN 'blocked' ELSE from_value END,
    to_value = CASE to_value WHEN '未开始' THEN 'not_started' WHEN '进行中' THEN 'in_progress' WHEN '已完成' THEN 'done' WHEN '受阻' THEN 'blocked' ELSE to_value END
    WHERE field = 'status';
