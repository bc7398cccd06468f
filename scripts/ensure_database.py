"""Create the database named in DATABASE_URL if it does not exist yet."""

import os
import sys

import environ
import psycopg

config = environ.Env.db_url_config(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/uep"))
if "postgresql" not in config["ENGINE"]:
    sys.exit(0)
params = {"host": config["HOST"] or "127.0.0.1", "port": config["PORT"] or 5432, "user": config["USER"] or "postgres",
          "password": config["PASSWORD"] or None, "dbname": "postgres", "autocommit": True}
with psycopg.connect(**params) as conn:
    exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
    if not exists:
        conn.execute(f'CREATE DATABASE "{config["NAME"]}"')
        print(f"Database {config['NAME']} created.")
