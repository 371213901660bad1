-- The privilege step. The migration runner runs it after every migration run (not a journaled
-- migration: it must also cover what later migrations add), in one transaction. It is the single
-- source of the function and read-only grants of the project's roles (created by 001; see
-- docs/SECURITY.md for each role and rule). Re-runnable: it grants or revokes only where the catalog
-- differs from the rules, so a second run changes nothing.
--
-- The project's objects are those in the schemas public, sparkle_db and sparkle_archive that no
-- extension owns (pg_trgm's functions in public, for instance, are left as their extension made them).
--
-- Why not ALTER DEFAULT PRIVILEGES … REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC for the migrating role: it
-- can only be global (a per-schema default cannot take PUBLIC's EXECUTE away), so it also strips the
-- functions of every extension that role creates later (pg_stat_statements, pg_trgm's similarity, …),
-- whose scripts rely on PUBLIC's default EXECUTE; the monitoring views and search_suggestions then fail
-- for every other role (tested). A function is therefore executable by PUBLIC from its CREATE until this
-- step, at the end of the same migration run; a definer-rights function must be revoked from PUBLIC
-- in its own migration (as 004 does), which verify's functions.security_definer checks.

-- PUBLIC may not create temporary objects in this database. Temporary objects are how a caller plants a
-- look-alike table or function in front of a definer-rights function's unqualified names (pg_temp is
-- searched first unless listed last; every definer function here sets search_path = pg_catalog, public, pg_temp). Prisma never creates temporary tables, so the application role does
-- not get TEMP either; sparkle_mv_owner keeps it (004: a concurrent refresh builds its diff in a temporary table).
-- The database owner and superusers keep TEMP by right. Run by a role that owns neither the database nor
-- the schema, these REVOKEs are no-ops with a warning.
DO $$
BEGIN
    EXECUTE pg_catalog.format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', pg_catalog.current_database());
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'sparkle_app') THEN
        EXECUTE pg_catalog.format('REVOKE TEMPORARY ON DATABASE %I FROM sparkle_app', pg_catalog.current_database());
    END IF;
    -- Database privileges are not copied by CREATE DATABASE … TEMPLATE, so this step restores 004's grant as well.
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'sparkle_mv_owner') THEN
        EXECUTE pg_catalog.format('GRANT TEMPORARY ON DATABASE %I TO sparkle_mv_owner', pg_catalog.current_database());
    END IF;
END
$$;

-- PostgreSQL 15 no longer lets PUBLIC create in schema public; a database created before (or restored
-- from a dump of) an older server still does, and an object planted there can shadow a function or
-- operator for every caller whose search_path names public.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- EXECUTE on every project function: never PUBLIC, then per role.
--   sparkle_app       every function in public that runs with the caller's rights (SECURITY INVOKER),
--                     except the operator and monitor functions below, plus the definer-rights
--                     functions listed in c_app_definer. An invoker function can do nothing its caller
--                     could not do with the caller's own table privileges, so EXECUTE on it gives the
--                     application nothing new; and the trigger functions call such helpers
--                     (apply_user_stats_delta, grant_achievement, build_post_search_vector, …) with the
--                     privileges of whoever fires the trigger, i.e. the application.
--                     Trigger functions themselves are not granted: a trigger fires without EXECUTE.
--   sparkle_readonly  the application's functions that are STABLE or IMMUTABLE (they only read).
--   sparkle_monitor   the statistics functions in c_monitor.
--                     Also the helpers of phase 005's triggers that live in sparkle_db beside the data they
--                     serve (c_app_internal: the counters' recounts and change appliers), for the same reason.
--   nobody            the other functions of sparkle_db and sparkle_archive (the tool's own), the operator
--                     functions in c_operator, and any definer-rights function not listed below: a new
--                     definer function is callable by its owner alone until someone decides otherwise here.
DO $$
DECLARE
    -- Schema changes and upkeep: the migrating role and the scheduler run them (they would fail for
    -- the application anyway, which owns nothing).
    c_operator    constant text[] := ARRAY['create_monthly_partition', 'drop_old_partitions',
                                           'maintain_partitions', 'perform_maintenance'];
    c_monitor     constant text[] := ARRAY['find_unused_indexes', 'analyze_index_effectiveness'];
    c_app_definer constant text[] := ARRAY['refresh_materialized_views'];
    c_app_internal constant text[] := ARRAY['is_database_id', 'achievement_threshold', 'award_crossed_achievements', 'count_user_stats', 'count_post_stats',
                                            'count_category_posts', 'count_tag_posts', 'apply_post_changes',
                                            'apply_reaction_changes'];
    v_app      oid := (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = 'sparkle_app');
    v_readonly oid := (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = 'sparkle_readonly');
    v_monitor  oid := (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = 'sparkle_monitor');
    v_function record;
    v_grantee  record;
    v_public   boolean;
    v_app_may  boolean;
BEGIN
    FOR v_function IN
        SELECT p.oid::pg_catalog.regprocedure::text AS signature,
               n.nspname,
               p.proname,
               p.prosecdef,
               p.provolatile,
               p.prokind,
               p.prorettype = 'pg_catalog.trigger'::pg_catalog.regtype AS is_trigger,
               COALESCE(p.proacl, pg_catalog.acldefault('f', p.proowner)) AS acl
          FROM pg_catalog.pg_proc p
          JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname IN ('public', 'sparkle_db', 'sparkle_archive')
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                            WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
                              AND d.objid = p.oid AND d.deptype = 'e')
           -- Only what this role may grant on (it owns it, or is a member of the owner, or is superuser).
           AND pg_catalog.pg_has_role(p.proowner, 'USAGE')
    LOOP
        SELECT pg_catalog.bool_or(a.grantee = 0) INTO v_public
          FROM pg_catalog.aclexplode(v_function.acl) a
         WHERE a.privilege_type = 'EXECUTE';
        IF v_public THEN
            EXECUTE pg_catalog.format('REVOKE EXECUTE ON ROUTINE %s FROM PUBLIC', v_function.signature);
        END IF;

        v_app_may := v_function.prokind = 'f'
                     AND NOT v_function.is_trigger
                     AND ((v_function.nspname = 'public'
                           AND NOT (v_function.proname = ANY (c_operator || c_monitor))
                           AND (NOT v_function.prosecdef OR v_function.proname = ANY (c_app_definer)))
                          OR (v_function.nspname = 'sparkle_db' AND NOT v_function.prosecdef
                              AND v_function.proname = ANY (c_app_internal)));

        FOR v_grantee IN
            SELECT r.oid,
                   r.rolname,
                   CASE r.oid
                       WHEN v_app      THEN v_app_may
                       WHEN v_readonly THEN v_app_may AND NOT v_function.prosecdef AND v_function.provolatile IN ('i', 's')
                       WHEN v_monitor  THEN v_function.nspname = 'public' AND v_function.proname = ANY (c_monitor)
                   END AS wanted,
                   EXISTS (SELECT 1 FROM pg_catalog.aclexplode(v_function.acl) a
                            WHERE a.grantee = r.oid AND a.privilege_type = 'EXECUTE') AS held
              FROM pg_catalog.pg_roles r
             WHERE r.oid IN (v_app, v_readonly, v_monitor)
        LOOP
            IF v_grantee.wanted AND NOT v_grantee.held THEN
                EXECUTE pg_catalog.format('GRANT EXECUTE ON ROUTINE %s TO %I', v_function.signature, v_grantee.rolname);
            ELSIF NOT v_grantee.wanted AND v_grantee.held THEN
                EXECUTE pg_catalog.format('REVOKE EXECUTE ON ROUTINE %s FROM %I', v_function.signature, v_grantee.rolname);
            END IF;
        END LOOP;
    END LOOP;
END
$$;

-- The application reaches the sparkle_db helpers of c_app_internal (and the change record types of 005)
-- through the schema; USAGE gives it nothing else there (no table of sparkle_db is granted to it).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'sparkle_app') THEN
        GRANT USAGE ON SCHEMA sparkle_db TO sparkle_app;
    END IF;
END
$$;

-- sparkle_readonly: SELECT on every table, view and materialized view of public except the columns that
-- hold credentials (password hashes, tokens, secrets, keys), and except the monitoring views, which are
-- pg_monitor's (009). Column privileges, because a view or a table-level grant would let the credential
-- columns through. Partitions are read through their parent. A credential column is one whose name ends
-- in password, secret or token (not a boolean flag such as achievements."isSecret"), or one of
-- c_credentials.
DO $$
DECLARE
    c_credentials constant text[] := ARRAY['api_keys.key', 'conversations.encryptedKey', 'users.twoFactorBackupCodes'];
    v_readonly oid := (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = 'sparkle_readonly');
    v_relation record;
    v_grant    text;
    v_revoke   text;
BEGIN
    IF v_readonly IS NULL THEN
        RETURN;
    END IF;
    GRANT USAGE ON SCHEMA public TO sparkle_readonly;

    FOR v_relation IN
        SELECT c.oid, c.relname, c.relacl
          FROM pg_catalog.pg_class c
         WHERE c.relnamespace = 'public'::pg_catalog.regnamespace
           AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
           AND NOT c.relispartition
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                            WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                              AND d.objid = c.oid AND d.deptype = 'e')
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.aclexplode(c.relacl) x
                            WHERE x.grantee = 'pg_monitor'::pg_catalog.regrole)
           AND pg_catalog.pg_has_role(c.relowner, 'USAGE')
    LOOP
        -- A table-level grant would cover every column; column privileges replace it.
        IF EXISTS (SELECT 1 FROM pg_catalog.aclexplode(v_relation.relacl) x WHERE x.grantee = v_readonly) THEN
            EXECUTE pg_catalog.format('REVOKE ALL ON public.%I FROM sparkle_readonly', v_relation.relname);
        END IF;

        SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum)
                   FILTER (WHERE NOT s.credential AND NOT s.held),
               pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum)
                   FILTER (WHERE s.credential AND s.held)
          INTO v_grant, v_revoke
          FROM pg_catalog.pg_attribute a
          CROSS JOIN LATERAL (
              SELECT (a.attname ~* '(password|secret|token)$' AND a.atttypid <> 'pg_catalog.bool'::pg_catalog.regtype)
                         OR (v_relation.relname || '.' || a.attname) = ANY (c_credentials) AS credential,
                     EXISTS (SELECT 1 FROM pg_catalog.aclexplode(a.attacl) x
                              WHERE x.grantee = v_readonly AND x.privilege_type = 'SELECT') AS held
          ) s
         WHERE a.attrelid = v_relation.oid AND a.attnum > 0 AND NOT a.attisdropped;

        IF v_grant IS NOT NULL THEN
            EXECUTE pg_catalog.format('GRANT SELECT (%s) ON public.%I TO sparkle_readonly', v_grant, v_relation.relname);
        END IF;
        IF v_revoke IS NOT NULL THEN
            EXECUTE pg_catalog.format('REVOKE SELECT (%s) ON public.%I FROM sparkle_readonly', v_revoke, v_relation.relname);
        END IF;
    END LOOP;
END
$$;

-- sparkle_monitor: pg_monitor (001) brings the statistics views and the monitoring views of 009, which
-- are granted to pg_monitor; the index reports of 002 and 008 are granted here.
DO $$
DECLARE
    v_view text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'sparkle_monitor') THEN
        RETURN;
    END IF;
    GRANT USAGE ON SCHEMA public TO sparkle_monitor;
    FOREACH v_view IN ARRAY ARRAY['json_index_report', 'gin_index_summary', 'json_column_coverage', 'index_usage_stats'] LOOP
        IF pg_catalog.to_regclass('public.' || pg_catalog.quote_ident(v_view)) IS NOT NULL
           AND NOT pg_catalog.has_table_privilege('sparkle_monitor', 'public.' || pg_catalog.quote_ident(v_view), 'SELECT') THEN
            EXECUTE pg_catalog.format('GRANT SELECT ON public.%I TO sparkle_monitor', v_view);
        END IF;
    END LOOP;
END
$$;

-- The application's plans (issue 17, docs/DECISIONS.md D101). A client that prepares a named statement (Prisma's
-- query engine caches them) gets a generic plan after five executions when its estimated cost is no worse than the
-- custom ones' average, and a generic plan is made without the parameter's value: the per-user notifications read
-- for the busiest user then read 1,167 buffers in 3.9 ms instead of 74 in 0.6 ms. force_custom_plan plans every
-- execution with its values, which an unnamed statement (node-postgres, Prisma's adapter) gets anyway. A role's
-- settings apply to the login itself, not to its members, so the setting goes on sparkle_app and on every login
-- that is a member of it (directly or through another role); LoginRoles sets it on the logins the tool creates.
-- ALTER ROLE needs CREATEROLE (or superuser): without it the step says so and goes on.
DO $$
DECLARE
    v_role name;
BEGIN
    FOR v_role IN
        WITH RECURSIVE members(oid) AS (
            SELECT oid FROM pg_catalog.pg_roles WHERE rolname = 'sparkle_app'
            UNION
            SELECT m.member FROM pg_catalog.pg_auth_members m JOIN members ON m.roleid = members.oid
        )
        SELECT r.rolname
        FROM members
        JOIN pg_catalog.pg_roles r ON r.oid = members.oid
        WHERE (r.rolname = 'sparkle_app' OR r.rolcanlogin) AND NOT r.rolsuper
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_db_role_setting s
                          WHERE s.setrole = r.oid AND s.setdatabase = 0
                            AND s.setconfig @> ARRAY['plan_cache_mode=force_custom_plan'])
        ORDER BY r.rolname
    LOOP
        BEGIN
            EXECUTE pg_catalog.format('ALTER ROLE %I SET plan_cache_mode = force_custom_plan', v_role);
        EXCEPTION
            WHEN insufficient_privilege THEN
                RAISE WARNING 'plan_cache_mode of role % not set (needs CREATEROLE): ALTER ROLE % SET plan_cache_mode = force_custom_plan', v_role, v_role;
            -- The step runs in every database, possibly at once (the tests copy templates in parallel): the other
            -- session inserted the same role setting first (pg_db_role_setting's key), so it is set.
            WHEN unique_violation THEN
                NULL;
        END;
    END LOOP;
END
$$;
