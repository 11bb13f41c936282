#!/usr/bin/env bash
# PostgreSQL image init script (docker-compose.yml mounts it into /docker-entrypoint-initdb.d; it runs once, on an
# empty data directory): one role and one database per service, as ./certpipe up creates them on the local server.
set -euo pipefail

prefix=${CERTPIPE_DB_PREFIX:-certpipe}
for service in intake approval signing gc; do
    name=${prefix}_${service}
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
        -v name="$name" -v password="$CERTPIPE_DB_PASSWORD" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
SQL
done
