-- @entity inpatient_stays  @watermark xgsj kind=datetime
-- ryrq/cyrq are char(16) 'yyyymmddhh:mi:ss' strings in this vendor's view; the sync parses them.
SELECT zyh AS source_stay_id, zyhm AS inpatient_no, brid AS source_patient_id,
       ryrq AS admit_time, cyrq AS discharge_time, ryks AS admit_dept_code, cyks AS discharge_dept_code,
       zzys AS doctor_name, lyfs AS discharge_mode, cypb AS status, xgsj AS source_updated_at
FROM V_ZY_CYBR
WHERE xgsj >= :since AND xgsj < :until
