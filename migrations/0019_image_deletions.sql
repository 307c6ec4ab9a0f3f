-- Stored images whose files are to be deleted. A row is written in the
-- transaction that stops using the image, so a rollback deletes nothing; and
-- before an upload writes its files, due an hour later, so a node that dies
-- between writing the files and saving the image leaves no orphan: saving the
-- image deletes its row. A worker on every node deletes what is due.
CREATE TABLE image_deletions (
    file_key    TEXT PRIMARY KEY,
    due_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts    INT NOT NULL DEFAULT 0,
    last_error  TEXT
);
CREATE INDEX image_deletions_due_idx ON image_deletions (due_at);
