-- How the result comes back, changed by the citizen after submission (issue 9): the receipt
-- stays as issued; the change in force is the last `change_return` action as applied (JSON:
-- method, address, postal fee). NULL while the receipt's choice holds.
ALTER TABLE dossiers ADD COLUMN return_change TEXT;
