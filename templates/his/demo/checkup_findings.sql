-- @entity checkup_findings  results of the checkups in the window, read through the checkup's date
-- index. Results whose checkup is missing have no date to window by: they are read, to be reported,
-- on a first or --full read only (:since_date is 1900-01-01 then), so an incremental run never scans
-- the whole results table.
SELECT j.tjh AS source_checkup_id, j.xh AS seq_no, j.xmmc AS item_name, j.jg AS result_value, j.dw AS unit,
       j.ckz AS reference_range, j.ycbz AS abnormal_flag, j.wjzbz AS critical, j.wjzbgsj AS critical_reported_at
FROM V_TJ_DJ d JOIN V_TJ_JG j ON j.tjh = d.tjh
WHERE d.tjrq >= :since_date AND d.tjrq < :until_date
UNION ALL
SELECT j.tjh, j.xh, j.xmmc, j.jg, j.dw, j.ckz, j.ycbz, j.wjzbz, j.wjzbgsj
FROM V_TJ_JG j
WHERE :since_date = '1900-01-01' AND (j.tjh IS NULL OR j.tjh NOT IN (SELECT tjh FROM V_TJ_DJ WHERE tjh IS NOT NULL))
ORDER BY source_checkup_id, seq_no
