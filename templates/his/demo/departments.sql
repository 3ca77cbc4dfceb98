-- @entity departments (full read: a small dictionary)
SELECT ksdm AS source_code, ksmc AS name, jmc AS former_name, tybz AS disabled
FROM V_KS
