-- A delivery the claim refuses without reading it (a symbolic link, a directory, a device or pipe, a file that
-- cannot be read) has no digest: its sha256 is null rather than the digest of bytes it does not have, which
-- would make a later file of those bytes look like a duplicate of it.
ALTER TABLE inbound_file ALTER COLUMN sha256 DROP NOT NULL;
