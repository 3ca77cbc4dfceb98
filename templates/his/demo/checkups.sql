-- @entity checkups  @watermark tjrq kind=business_date; PEIS sex coding 0 男 / 1 女 / 2 未知
SELECT tjh AS source_checkup_id, brid AS source_patient_id, xm AS name, xb AS gender, sfzh AS id_number,
       dh AS phone, tjrq AS checkup_date, tcmc AS package_name, zt AS status, ryzt AS person_status,
       zjjl AS summary, '健康管理中心' AS dept_name
FROM V_TJ_DJ
WHERE tjrq >= :since_date AND tjrq < :until_date
