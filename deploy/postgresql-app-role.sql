-- The role `dondoc serve` runs as on PostgreSQL (docs/deployment.md, "Serving as a role that owns
-- nothing"): it reads and writes the deployment's rows but owns no table, so the audit is
-- append-only by privileges as well as by its triggers (SELECT and INSERT on audit; no UPDATE,
-- DELETE or TRUNCATE on it, nor TRUNCATE anywhere), and it cannot change the schema or its version.
--
-- Run it in the deployment's database as the role that owns the schema (the one the first
-- `dondoc --db postgresql://…` command or `dondoc migrate --to` ran as), after the schema exists
-- and again after every upgrade of dondoc (a new version may add tables):
--   psql -v ON_ERROR_STOP=1 -d dondoc -f deploy/postgresql-app-role.sql
-- It creates the role dondoc_app when it is missing (which needs CREATEROLE; or create it first as
-- postgres: `createuser dondoc_app`), changes no row, and can be run again. Then give the role a
-- password (`\password dondoc_app` in psql) and start serve with
-- DONDOC_DB=postgresql://dondoc_app@HOST/dondoc.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dondoc_app') THEN
    CREATE ROLE dondoc_app LOGIN;
  END IF;
END $$;

GRANT USAGE ON SCHEMA public TO dondoc_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dondoc_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO dondoc_app;

-- The audit: read and appended to, never changed.
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit FROM dondoc_app;
-- The schema's version is the owner's: serve reads it at start and refuses a schema it does not
-- know, and only the owner migrates.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON schema_version FROM dondoc_app;
