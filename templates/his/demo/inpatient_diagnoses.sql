-- @entity inpatient_diagnoses  children of the stays changed in the same window, ordered by stay
SELECT d.zyh AS source_stay_id, d.zdlb AS role, d.zdxh AS seq_no, d.zdbm AS code, d.zdmc AS name, d.zyzdbz AS is_primary
FROM V_ZY_ZD d
JOIN V_ZY_CYBR a ON a.zyh = d.zyh
WHERE a.xgsj >= :since AND a.xgsj < :until
ORDER BY d.zyh, d.zdxh
