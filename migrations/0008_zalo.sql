-- Zalo notifications (issue 9's outbox): the mobile number whose Zalo account gets the dossier's
-- messages too, as digits, when the citizen ticked "also notify me on Zalo" on the applicant page
-- (Zalo accounts are keyed by the Vietnamese mobile number, so it is the contact phone); NULL
-- when they did not, and for every dossier sent before this column. Plain TEXT: SQLite and
-- PostgreSQL share the SQL.
ALTER TABLE dossiers ADD COLUMN contact_zalo TEXT;
