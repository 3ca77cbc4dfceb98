-- @entity outpatient_visits  @watermark jzsj kind=business_date (no modification column in this view)
SELECT jzxh AS source_visit_id, mzh AS outpatient_no, brid AS source_patient_id, jzsj AS visit_time,
       ksmc AS dept_name, ysxm AS doctor_name, zdbm AS diag_code, zdmc AS diag_name, thbz AS status
FROM V_MZ_JZ
WHERE jzsj >= :since AND jzsj < :until
