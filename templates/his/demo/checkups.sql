-- @entity checkups  @watermark tjrq kind=business_date; PEIS sex coding 0 男 / 1 女 / 2 未知
SELECT d.tjh AS source_checkup_id, d.brid AS source_patient_id, d.xm AS name, d.xb AS gender, d.sfzh AS id_number,
       d.dh AS phone, d.tjrq AS checkup_date, d.tcmc AS package_name, d.zt AS status, d.ryzt AS person_status,
       d.zjjl AS summary, '健康管理中心' AS dept_name,
       (SELECT COUNT(*) FROM V_TJ_JG j WHERE j.tjh = d.tjh AND j.wjzbz = 1) AS critical_count,
       (SELECT COUNT(*) FROM V_TJ_JG j WHERE j.tjh = d.tjh AND j.ycbz <> 'N') AS abnormal_count
FROM V_TJ_DJ d
WHERE d.tjrq >= :since_date AND d.tjrq < :until_date
