-- Session tokens are stored as their sha256 (hex), like API tokens (docs/decisions/0004). The rows already
-- here are converted, not deleted: cookies keep the raw token and the new code looks up its hash, so nobody
-- is signed out by the upgrade and no raw token stays in the table.
UPDATE "Session" SET "sessionToken" = encode(sha256(convert_to("sessionToken", 'UTF8')), 'hex');
