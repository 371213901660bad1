-- Phase 007, part 3: the way back, used by 007_partitioning.down.sql. Turns a partitioned table back
-- into the plain table Prisma creates: primary key on the columns it had before the partition key was
-- added, the parent's indexes, foreign keys, triggers, privileges and owner. Unlike the forward
-- conversion this is one transaction under ACCESS EXCLUSIVE for the whole copy: it exists for a
-- rollback, which is a maintenance window anyway. Rows are verified by count and checksum before the
-- partitioned table is dropped. Detached (archived) partitions in sparkle_archive are not touched.
CREATE OR REPLACE FUNCTION sparkle_db.convert_to_plain(p_table text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    v_parent   regclass := to_regclass(format('public.%I', p_table));
    v_plain    text := p_table || '__plain';
    v_key      text[];
    v_pk       text[];
    v_owner    name;
    v_indexes  jsonb;
    v_fks      jsonb;
    v_triggers jsonb;
    v_item     jsonb;
    v_acl      record;
    v_before   text;
    v_after    text;
BEGIN
    IF v_parent IS NULL OR (SELECT c.relkind FROM pg_class c WHERE c.oid = v_parent) <> 'p' THEN
        RETURN;
    END IF;
    EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', v_parent);

    SELECT array_agg(a.attname::text ORDER BY k.ord) INTO v_key
    FROM pg_partitioned_table pt, unnest(pt.partattrs::int2[]) WITH ORDINALITY k(attnum, ord), pg_attribute a
    WHERE pt.partrelid = v_parent AND a.attrelid = v_parent AND a.attnum = k.attnum;
    SELECT array_agg(a.attname::text ORDER BY k.ord) INTO v_pk
    FROM pg_index x, unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, ord), pg_attribute a
    WHERE x.indrelid = v_parent AND x.indisprimary AND a.attrelid = v_parent AND a.attnum = k.attnum
      AND NOT (a.attname::text = ANY (v_key));
    SELECT pg_get_userbyid(c.relowner) INTO v_owner FROM pg_class c WHERE c.oid = v_parent;
    SELECT jsonb_agg(jsonb_build_object('name', i.relname, 'unique', x.indisunique,
                                        'using', substr(pg_get_indexdef(x.indexrelid), strpos(pg_get_indexdef(x.indexrelid), ' USING '))))
      INTO v_indexes
    FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
    WHERE x.indrelid = v_parent AND NOT x.indisprimary;
    SELECT jsonb_agg(jsonb_build_object('name', k.conname, 'def', pg_get_constraintdef(k.oid)))
      INTO v_fks
    FROM pg_constraint k WHERE k.conrelid = v_parent AND k.contype = 'f';
    SELECT jsonb_agg(jsonb_build_object('name', tg.tgname, 'def', pg_get_triggerdef(tg.oid), 'enabled', tg.tgenabled))
      INTO v_triggers
    FROM pg_trigger tg WHERE tg.tgrelid = v_parent AND NOT tg.tgisinternal;
    CREATE TEMP TABLE IF NOT EXISTS sparkle_plain_acl (grantee oid, privilege_type text, is_grantable boolean) ON COMMIT DROP;
    DELETE FROM sparkle_plain_acl;
    INSERT INTO sparkle_plain_acl
    SELECT a.grantee, a.privilege_type, a.is_grantable
    FROM pg_class c, LATERAL aclexplode(c.relacl) a WHERE c.oid = v_parent AND a.grantee <> c.relowner;

    EXECUTE format('CREATE TABLE public.%I (LIKE %s INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED '
                   'INCLUDING STORAGE INCLUDING COMPRESSION INCLUDING STATISTICS)', v_plain, v_parent);
    EXECUTE format('INSERT INTO public.%I SELECT * FROM %s', v_plain, v_parent);
    EXECUTE format('SELECT count(*) || '':'' || coalesce(sum(hashtextextended(t::text, 0)::numeric), 0) FROM %s t', v_parent) INTO v_before;
    EXECUTE format('SELECT count(*) || '':'' || coalesce(sum(hashtextextended(t::text, 0)::numeric), 0) FROM public.%I t', v_plain) INTO v_after;
    IF v_before <> v_after THEN
        RAISE EXCEPTION 'convert_to_plain: verification failed for public.% (% vs %)', p_table, v_before, v_after;
    END IF;

    EXECUTE format('DROP TABLE %s', v_parent);
    EXECUTE format('ALTER TABLE public.%I RENAME TO %I', v_plain, p_table);
    EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I PRIMARY KEY (%s)', p_table, p_table || '_pkey',
                   (SELECT string_agg(quote_ident(c), ', ') FROM unnest(v_pk) c));
    FOR v_item IN SELECT * FROM jsonb_array_elements(coalesce(v_indexes, '[]')) LOOP
        EXECUTE format('CREATE %sINDEX %I ON public.%I%s', CASE WHEN (v_item->>'unique')::boolean THEN 'UNIQUE ' ELSE '' END,
                       v_item->>'name', p_table, v_item->>'using');
    END LOOP;
    FOR v_item IN SELECT * FROM jsonb_array_elements(coalesce(v_fks, '[]')) LOOP
        EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I %s', p_table, v_item->>'name', v_item->>'def');
    END LOOP;
    FOR v_item IN SELECT * FROM jsonb_array_elements(coalesce(v_triggers, '[]')) LOOP
        EXECUTE v_item->>'def';
        EXECUTE format('ALTER TABLE public.%I %s TRIGGER %I', p_table,
            CASE v_item->>'enabled' WHEN 'D' THEN 'DISABLE' WHEN 'R' THEN 'ENABLE REPLICA' WHEN 'A' THEN 'ENABLE ALWAYS' ELSE 'ENABLE' END,
            v_item->>'name');
    END LOOP;
    FOR v_acl IN SELECT * FROM sparkle_plain_acl LOOP
        EXECUTE format('GRANT %s ON public.%I TO %s%s', v_acl.privilege_type, p_table,
            CASE WHEN v_acl.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(v_acl.grantee)) END,
            CASE WHEN v_acl.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
    END LOOP;
    EXECUTE format('ALTER TABLE public.%I OWNER TO %I', p_table, v_owner);
END
$$;
