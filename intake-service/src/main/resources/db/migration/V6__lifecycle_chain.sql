-- The head of each cluster's lifecycle chain (io.certpipe.common.event.chain.LifecycleChain, docs/events.md): the
-- certpipeseq of the cluster's latest lifecycle event and the SHA-256 of its record value. It advances in the
-- transaction that stages the event, under this row's lock, so the chain follows commit order. 0 and NULL: nothing
-- chained yet, the next event is link 1.
ALTER TABLE cluster_revision
    ADD COLUMN lifecycle_sequence BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN lifecycle_hash     TEXT;
