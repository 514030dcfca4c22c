-- XML declarations share the customs tables: their kind (import/export) and the position of errors in the file.
ALTER TABLE declaration ADD COLUMN kind TEXT NOT NULL DEFAULT 'IMPORT';
ALTER TABLE declaration_error ADD COLUMN line INT NOT NULL DEFAULT 0;
ALTER TABLE declaration_error ADD COLUMN col INT NOT NULL DEFAULT 0;
