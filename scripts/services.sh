#!/usr/bin/env bash
# Starts (or reuses) the local PostgreSQL and Redis that `make run` and
# `make test` use, and makes sure the `bazaar` (owner) and `bazaar_app`
# (serving) roles and the database exist.
set -euo pipefail

DB_USER="${BAZAAR_DB_USER:-bazaar}"
DB_PASSWORD="${BAZAAR_DB_PASSWORD:-bazaar}"
DB_NAME="${BAZAAR_DB_NAME:-bazaar}"
# The role the server runs as: rows only, no DDL; `bazaar migrate` grants it
# what it needs on every table (see docs/operations.md).
APP_DB_USER="${BAZAAR_APP_DB_USER:-bazaar_app}"
APP_DB_PASSWORD="${BAZAAR_APP_DB_PASSWORD:-bazaar_app}"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  cluster="$(pg_lsclusters --no-header | awk 'NR==1 { print $1 " " $2 }')"
  if [ -z "$cluster" ]; then
    step "creating a PostgreSQL cluster"
    version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
    pg_createcluster "$version" main
    cluster="$version main"
  fi
  step "starting PostgreSQL $cluster"
  # shellcheck disable=SC2086
  pg_ctlcluster $cluster start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 0.5; done
fi

psql_admin() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'")" != 1 ]; then
  step "creating the PostgreSQL role $DB_USER"
  psql_admin -c "CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$APP_DB_USER'")" != 1 ]; then
  step "creating the PostgreSQL role $APP_DB_USER (serving only)"
  psql_admin -c "CREATE ROLE $APP_DB_USER LOGIN NOCREATEDB NOCREATEROLE PASSWORD '$APP_DB_PASSWORD'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" != 1 ]; then
  step "creating the database $DB_NAME"
  psql_admin -c "CREATE DATABASE $DB_NAME OWNER $DB_USER"
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  step "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no >/dev/null
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.2; done
fi
