-- How one agency's load changed between two years: 市场监管局 (区市场监管局, 市场监管局, …) by role, 2018 vs 2021,
-- in tasks and in tasks per plan of that year.
WITH plans AS (SELECT year, count(*) AS n FROM documents GROUP BY year)
SELECT p.role,
       sum(d.year = 2018) AS tasks_2018,
       round(1.0 * sum(d.year = 2018) / (SELECT n FROM plans WHERE year = 2018), 1) AS per_plan_2018,
       sum(d.year = 2021) AS tasks_2021,
       round(1.0 * sum(d.year = 2021) / (SELECT n FROM plans WHERE year = 2021), 1) AS per_plan_2021
FROM task_parties p JOIN documents d USING (document_id)
WHERE p.agency_key = '市场监督管理局' AND d.year IN (2018, 2021)
GROUP BY p.role
ORDER BY CASE p.role WHEN 'lead' THEN 1 WHEN 'responsible' THEN 2 WHEN 'support' THEN 3 ELSE 4 END;
