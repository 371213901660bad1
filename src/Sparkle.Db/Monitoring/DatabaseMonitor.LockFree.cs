namespace Sparkle.Db.Monitoring;

public static partial class DatabaseMonitor
{
    // pg_relation_size and its kin take an ACCESS SHARE lock on the relation, so a monitoring read would queue behind an
    // ALTER TABLE or LOCK TABLE holding (or waiting for) ACCESS EXCLUSIVE, and hang exactly when someone needs to look.
    // The reads size such a relation from pg_class.relpages instead (the figure of its last VACUUM/ANALYZE), which takes
    // no lock. ACCESS EXCLUSIVE is the only mode that conflicts with ACCESS SHARE.

    /// <summary>A CTE "locked(relation)": relations of this database with an ACCESS EXCLUSIVE lock held or requested.</summary>
    internal const string LockedRelations =
        """
        locked AS (
            SELECT DISTINCT l.relation
              FROM pg_locks l
             WHERE l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock'
               AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database()))
        """;

    /// <summary>The size of one relation (an index) without waiting for a lock; needs <see cref="LockedRelations"/> in the query.</summary>
    internal static string LockFreeSize(string oid) =>
        $"(CASE WHEN {oid} IN (SELECT relation FROM locked) THEN (SELECT lc.relpages FROM pg_class lc WHERE lc.oid = {oid})::bigint * current_setting('block_size')::bigint ELSE pg_relation_size({oid}) END)";

    /// <summary>
    /// An index expression or predicate (pg_node_tree) as comparable text, without pg_get_expr (which opens, and so
    /// locks, the table): the stored node tree with its parse locations removed, which differ between two equal
    /// expressions written at different places of their CREATE INDEX statements.
    /// </summary>
    internal static string NodeText(string column) => $"coalesce(regexp_replace({column}::text, ' :location -?[0-9]+', '', 'g'), '')";
}
