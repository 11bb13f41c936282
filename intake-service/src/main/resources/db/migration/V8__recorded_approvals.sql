-- The approvals recorded so far of a request whose signer needs several distinct approvers (a signer's `approval`
-- in signers.yaml, docs/approval.md "Four eyes"): JSON, [{user, approvedAt, reason, message}], empty for every other.
ALTER TABLE certificate_signing_request ADD COLUMN approvals TEXT NOT NULL DEFAULT '[]';
