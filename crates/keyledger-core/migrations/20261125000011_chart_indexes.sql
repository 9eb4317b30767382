-- Hourly buckets are looked up by width and time (charts move them to the user's local day):
-- without this index such a lookup walks every daily bucket of the range.
CREATE INDEX usage_bucket_width_start ON usage_bucket (bucket_width, bucket_start);

-- Charts read a grouping's rollups over a range of days: by (dim, day), with what they sum, so
-- a month of 50 keys reads 1,500 index entries instead of the key's whole history.
CREATE INDEX usage_rollup_by_day ON usage_rollup (dim, day, key, cost_micros, unpriced,
    input_tokens, cached_tokens, cache_write_tokens, output_tokens);
