-- Tasks due by 2021-06-30: a task's own deadline, or its item's progress deadline, with the owners.
SELECT d.title AS plan, n.label, t.task_id, dl.text AS deadline, dl.date,
       (SELECT group_concat(p.party, '、') FROM task_parties p
         WHERE p.document_id = t.document_id AND p.task_id = t.task_id AND p.role IN ('lead', 'responsible')) AS owners
FROM deadlines dl
JOIN tasks t ON t.document_id = dl.document_id
            AND (CASE dl.scope WHEN 'task' THEN t.task_id = dl.task_id ELSE t.node_id = dl.node_id END)
JOIN nodes n ON n.document_id = t.document_id AND n.node_id = t.node_id
JOIN documents d ON d.document_id = t.document_id
WHERE dl.date BETWEEN '2021-01-01' AND '2021-06-30'
ORDER BY dl.date, d.title, n.position, t.ordinal;
