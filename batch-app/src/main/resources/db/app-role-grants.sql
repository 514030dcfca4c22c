-- The rights of the application's role, run by the schema owner (db.AppRoleGrants, a Flyway repeatable migration
-- applied again whenever this text or the role changes). {app}, {schema} and {history} are quoted identifiers.
-- The role reads everything and inserts what a night produces; it rewrites only the rows listed below, never a
-- journal line, entry, declaration, number claim, message result, exception item or a file's recorded digest,
-- and it owns nothing, so it can neither disable a trigger nor change session_replication_role.
REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {app};
REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {app};
-- Before PostgreSQL 15 everyone may create objects in schema public: not here (a warning, no error, when the
-- schema belongs to another role, whose administrator then revokes it as README says).
REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC, {app};
GRANT USAGE ON SCHEMA {schema} TO {app};
GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA {schema} TO {app};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {app};
-- Tables of later migrations: read and inserted into; any other right is granted here.
ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT, INSERT ON TABLES TO {app};
ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE ON SEQUENCES TO {app};

-- Written only by the migrations and by the triggers of the ledger and of the review queue, which run as the owner.
REVOKE INSERT ON {history}, ledger_account, ledger_run_entries, ledger_run_account, journal_entry_pending,
    review_queue FROM {app};

-- Spring Batch's job repository.
GRANT UPDATE, DELETE ON batch_job_instance, batch_job_execution, batch_job_execution_params, batch_step_execution,
    batch_step_execution_context, batch_job_execution_context TO {app};
-- Reference data: a data set is replaced whole when its file changes.
GRANT DELETE ON ref_tariff, ref_exchange_rate, ref_party, ref_reference_price, ref_selectivity_rule,
    ref_lower_limit_rate, ref_vendor, ref_partner_profile, ref_agency, ref_qualification_rule,
    ref_vendor_qualification, ref_payment_terms, ref_late_payment_rate TO {app};
GRANT UPDATE (sha256, row_count, loaded_at) ON ref_dataset TO {app};
-- Where a file ended (archive or quarantine); its name, size and digest stay as claimed.
GRANT UPDATE (state, final_path) ON inbound_file TO {app};
-- An answer, receipt or award notice written again by a resumed run records where it is and its digest.
GRANT UPDATE (path, sha256) ON answer TO {app};
GRANT UPDATE (answer_path, answer_sha256) ON bid_receipt TO {app};
GRANT UPDATE (path, sha256) ON award_notice TO {app};
GRANT UPDATE (path, sha256) ON retender_notice TO {app};
-- A tender is marked opened or failed.
GRANT UPDATE (status) ON tender TO {app};
