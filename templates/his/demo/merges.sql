-- @entity merges  @watermark hbsj kind=datetime
SELECT ybrid AS obsolete_source_id, xbrid AS surviving_source_id, hbsj AS merged_at
FROM V_BR_HB
WHERE hbsj >= :since AND hbsj < :until
