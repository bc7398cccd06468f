"""The migrated SQL that a parallel run loads into its template database (uep/tests/schema.py) is the one
this checkout's migrations make."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from uep.tests.schema import migrations_digest, snapshot_digest


def test_the_migrated_sql_is_written_for_the_migrations_of_this_checkout():
    assert snapshot_digest() == migrations_digest(), (
        "uep/tests/migrated.sql.gz was written for other migrations (the run migrated instead, 35 s): "
        "run `make test-schema` and commit it")


@pytest.mark.django_db
def test_the_test_database_has_every_migration_applied():
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
