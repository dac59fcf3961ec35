"""Query plans for the tests that check how the database reads what the API asks."""

from django.db import connection
from psycopg import sql as psycopg_sql


def numbered_placeholders(sql):
    """The statement as PostgreSQL holds it: psycopg sends `%s` as $1, $2, ..."""
    first, *rest = sql.split("%s")
    return first + "".join(f"${number}{part}" for number, part in enumerate(rest, 1))


def plan(sql, params=None, generic=False):
    """The plan PostgreSQL makes for `sql`, with its parameters' values or (`generic`) for any of
    them, as a prepared statement's generic plan."""
    with connection.cursor() as cursor:
        if not generic:
            cursor.execute(f"EXPLAIN (VERBOSE, FORMAT JSON) {sql}", params)
            return cursor.fetchone()[0][0]["Plan"]
        cursor.execute(f"PREPARE planned AS {numbered_placeholders(sql)}")
        cursor.execute("SET plan_cache_mode = force_generic_plan")
        try:
            values = psycopg_sql.SQL(", ").join(psycopg_sql.Literal(value) for value in params)
            explain = psycopg_sql.SQL("EXPLAIN (VERBOSE, FORMAT JSON) EXECUTE planned ({})").format(values)
            cursor.execute(explain.as_string(cursor.connection))
            return cursor.fetchone()[0][0]["Plan"]
        finally:
            cursor.execute("DEALLOCATE planned")
            cursor.execute("RESET plan_cache_mode")


def walk_nodes(node):
    yield node
    for child in node.get("Plans", ()):
        yield from walk_nodes(child)


def run_per_row(node):
    """The nodes of a plan but those of its subqueries run once (InitPlans)."""
    yield node
    for child in node.get("Plans", ()):
        if child.get("Parent Relationship") != "InitPlan":
            yield from run_per_row(child)


def steps(plan):
    """Each step of a query plan, as (node type, the index or table it reads)."""
    return {
        (node["Node Type"], node.get("Index Name") or node.get("Relation Name")) for node in walk_nodes(plan)
    }


def text_plan(sql):
    """The plan of `sql` (its parameters written in) as the database prints it, a line a step."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"EXPLAIN {sql}")
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return "\n".join(step for *_ids, step in cursor.fetchall())
