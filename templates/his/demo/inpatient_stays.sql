-- @entity inpatient_stays  @watermark xgsj kind=datetime
-- ryrq/cyrq are char(16) 'yyyymmddhh:mi:ss' strings in this vendor's view; the sync parses them.
-- The main discharge diagnosis (zyzdbz = 1) comes along, for the finder's indexed column.
SELECT a.zyh AS source_stay_id, a.zyhm AS inpatient_no, a.brid AS source_patient_id,
       a.ryrq AS admit_time, a.cyrq AS discharge_time, a.ryks AS admit_dept_code, a.cyks AS discharge_dept_code,
       a.zzys AS doctor_name, a.lyfs AS discharge_mode, a.cypb AS status, a.xgsj AS source_updated_at,
       m.zdbm AS main_diag_code, m.zdmc AS main_diag_name
FROM V_ZY_CYBR a
LEFT JOIN V_ZY_ZD m ON m.zyh = a.zyh AND m.zyzdbz = 1 AND m.zdlb = '3'
WHERE a.xgsj >= :since AND a.xgsj < :until
