-- Who leads what across plans: the agencies that lead the most tasks, in how many plans and which years.
SELECT p.agency_key,
       count(*)                      AS lead_tasks,
       count(DISTINCT p.document_id) AS plans,
       group_concat(DISTINCT d.year) AS years,
       group_concat(DISTINCT p.party) AS written_as
FROM task_parties p JOIN documents d USING (document_id)
WHERE p.role = 'lead'
GROUP BY p.agency_key
ORDER BY lead_tasks DESC, p.agency_key
LIMIT 8;
