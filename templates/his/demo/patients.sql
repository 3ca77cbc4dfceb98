-- @entity patients  @watermark xgsj kind=datetime
SELECT brid AS source_patient_id, xm AS name, xb AS gender, csrq AS birth_date, sfzh AS id_number,
       lxdh AS phone, jtdh AS landline, lxrxm AS contact_name, lxrgx AS contact_relation, lxrdh AS contact_phone,
       xzz AS address, xgsj AS source_updated_at
FROM V_BRXX
WHERE xgsj >= :since AND xgsj < :until
