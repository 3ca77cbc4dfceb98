-- @entity checkup_findings  results of checkups in the same window (and orphans, so they are reported)
SELECT j.tjh AS source_checkup_id, j.xh AS seq_no, j.xmmc AS item_name, j.jg AS result_value, j.dw AS unit,
       j.ckz AS reference_range, j.ycbz AS abnormal_flag, j.wjzbz AS critical, j.wjzbgsj AS critical_reported_at
FROM V_TJ_JG j
LEFT JOIN V_TJ_DJ d ON d.tjh = j.tjh
WHERE (d.tjrq >= :since_date AND d.tjrq < :until_date) OR d.tjh IS NULL
ORDER BY j.tjh, j.xh
