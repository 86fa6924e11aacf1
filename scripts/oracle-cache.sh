#!/usr/bin/env bash
# oracle-cache.sh -- regenerate the cached outputs of the real Prisma CLI that
# live under testdata/ (see testdata/README.md), so that the test suite can
# compare driftless with Prisma without installing anything.
#
#   scripts/oracle-cache.sh [all|schemas|roundtrip|pull|pairs|dev|cli|corpus] ...
#
# Needs the offline Prisma oracle install (prisma 7.10.1 + schema-engine shim)
# in $PRISMA_ORACLE_DIR (default /tmp/prisma-oracle). Without it the script
# prints "skipped: prisma oracle not installed" and exits 0.
#
# Environment:
#   PRISMA_ORACLE_DIR     oracle install dir (default /tmp/prisma-oracle)
#   CORPUS_DIR            the Prisma migration-history corpus (a folder with one
#                         sub-folder per project). `corpus` is skipped if unset.
#   ORACLE_DATABASE_URL   URL of a scratch PostgreSQL database, e.g.
#                         postgresql://postgres@127.0.0.1:55488/postgres . The
#                         oracle creates and drops its own shadow databases on
#                         that server. Needed for corpus history-to-schema.sql
#                         and for the `dev` and `roundtrip` targets;
#                         those are skipped if unset. The `dev` target creates
#                         and drops databases named oracle_cache_dev_<pair>,
#                         `roundtrip` oracle_cache_rt_<case>.
#
# Every file is rewritten on each run; outputs are deterministic, so a re-run
# against the same Prisma version leaves `git status` clean.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TD="$ROOT/testdata"
DIR="${PRISMA_ORACLE_DIR:-/tmp/prisma-oracle}"
CLI="$DIR/node_modules/prisma/build/index.js"
ENGINE="$DIR/bin/schema-engine"

if [ ! -d "$DIR" ] || [ ! -f "$CLI" ] || [ ! -x "$ENGINE" ] || [ ! -f "$DIR/prisma.config.template.ts" ]; then
  echo "skipped: prisma oracle not installed"
  exit 0
fi
if ! command -v node >/dev/null 2>&1; then
  echo "skipped: prisma oracle not installed (node not found)"
  exit 0
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/oracle-cache.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# ---------------------------------------------------------------------------
# oracle_in WORKDIR SCHEMA MIGRATIONS -- <prisma args>
# Runs the Prisma CLI with cwd=WORKDIR and a prisma.config.ts written into
# WORKDIR (schema and migrations paths as given, datasource from $DATABASE_URL
# when set). Because the config sits in the cwd, stderr starts with the stable
# line "Loaded Prisma config from prisma.config.ts.".
# Sets globals OUT (stdout), ERR (stderr), RC (exit code).
oracle_in() {
  local wd="$1" schema="$2" migrations="$3"
  shift 4
  sed -e "s#@SCHEMA@#${schema}#" -e "s#@MIGRATIONS@#${migrations}#" \
    "$DIR/prisma.config.template.ts" >"$wd/prisma.config.ts"
  [ -e "$wd/node_modules" ] || ln -s "$DIR/node_modules" "$wd/node_modules"
  (
    cd "$wd" &&
      PRISMA_SCHEMA_ENGINE_BINARY="$ENGINE" CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1 \
        node "$CLI" "$@" --config prisma.config.ts >"$WORK/out" 2>"$WORK/err"
  )
  RC=$?
  rm -f "$wd/prisma.config.ts" "$wd/node_modules"
}

# fresh_dir -> prints a new empty work dir
fresh_dir() { mktemp -d "$WORK/run.XXXXXX"; }

# store_result DEST_DIR BASENAME : on success write BASENAME.sql (stdout,
# byte-exact); on failure write prisma.err (stderr) + prisma.exit (exit code).
store_result() {
  local dest="$1" base="$2"
  if [ "$RC" = 0 ]; then
    cp "$WORK/out" "$dest/$base.sql"
    rm -f "$dest/prisma.err" "$dest/prisma.exit"
  else
    rm -f "$dest/$base.sql"
    cp "$WORK/err" "$dest/prisma.err"
    printf '%s\n' "$RC" >"$dest/prisma.exit"
  fi
}

# strip_schema FILE...: Prisma 7 compatibility edits applied to corpus copies
#  - drop url / directUrl / shadowDatabaseUrl lines inside datasource blocks
#  - drop "metrics" from previewFeatures
strip_schema() {
  python3 - "$@" <<'PY'
import re, sys
for p in sys.argv[1:]:
    s = open(p, encoding="utf-8", newline="").read()
    def fix_ds(m):
        return re.sub(r"(?m)^[ \t]*(url|directUrl|shadowDatabaseUrl)[ \t]*=.*\n", "", m.group(0))
    s2 = re.sub(r"(?ms)^[ \t]*datasource[ \t]+\w+[ \t]*\{.*?^[ \t]*\}", fix_ds, s)
    def fix_pf(m):
        items = [i.strip() for i in m.group(2).split(",") if i.strip()]
        items = [i for i in items if i != '"metrics"']
        return m.group(1) + "[" + ", ".join(items) + "]"
    s2 = re.sub(r"(previewFeatures\s*=\s*)\[([^\]]*)\]", fix_pf, s2)
    if s2 != s:
        open(p, "w", encoding="utf-8", newline="").write(s2)
PY
}

# ---------------------------------------------------------------------------
do_schemas() {
  local d name wd n=0
  for d in "$TD"/schemas/*/; do
    d="${d%/}"
    name="$(basename "$d")"
    wd="$(fresh_dir)"
    if [ -d "$d/schema" ]; then
      cp -r "$d/schema" "$wd/schema"
      oracle_in "$wd" "$wd/schema" "$wd/migrations" -- migrate diff --from-empty --to-schema schema --script
    elif [ -f "$d/schema.prisma" ]; then
      cp "$d/schema.prisma" "$wd/schema.prisma"
      oracle_in "$wd" "$wd/schema.prisma" "$wd/migrations" -- migrate diff --from-empty --to-schema schema.prisma --script
    else
      continue
    fi
    store_result "$d" prisma
    n=$((n + 1))
    echo "schemas/$name: exit $RC"
  done
  echo "schemas: $n done"
}

do_pairs() {
  local d name wd n=0
  for d in "$TD"/schema-pairs/*/; do
    d="${d%/}"
    name="$(basename "$d")"
    [ -f "$d/v1.prisma" ] && [ -f "$d/v2.prisma" ] || continue
    wd="$(fresh_dir)"
    cp "$d/v1.prisma" "$d/v2.prisma" "$wd/"
    # 1. the script
    oracle_in "$wd" "$wd/v2.prisma" "$wd/migrations" -- migrate diff --from-schema v1.prisma --to-schema v2.prisma --script
    store_result "$d" prisma
    echo "schema-pairs/$name: script exit $RC"
    # 2. the human summary, with --exit-code (stdout + exit code + stderr)
    oracle_in "$wd" "$wd/v2.prisma" "$wd/migrations" -- migrate diff --from-schema v1.prisma --to-schema v2.prisma --exit-code
    cp "$WORK/out" "$d/summary.txt"
    printf '%s\n' "$RC" >"$d/summary.exit"
    cp "$WORK/err" "$d/summary.stderr"
    echo "schema-pairs/$name: summary exit $RC"
    n=$((n + 1))
  done
  echo "schema-pairs: $n done"
}

# pg_admin SQL : run one statement on the ORACLE_DATABASE_URL server (node-postgres
# from the oracle install; no psql needed).
pg_admin() {
  NODE_PATH="$DIR/node_modules" node -e '
const { Client } = require("pg");
const c = new Client({ connectionString: process.argv[1] });
c.connect().then(() => c.query(process.argv[2])).then(() => c.end(), (e) => { console.error(e.message); process.exit(1); });
' "$ORACLE_DATABASE_URL" "$1"
}

# db_url NAME : ORACLE_DATABASE_URL with the database name replaced
db_url() { printf '%s\n' "$ORACLE_DATABASE_URL" | sed -E "s#^(postgres(ql)?://[^/]*/)[^?]*#\1$1#"; }

# migrate_dev_pair PAIR_DIR VARIANT(empty|seeded) : history = [v1 from-empty
# script (+ seed.sql)], deploy it to a fresh database, then
# `migrate dev --create-only --name step` with v2.
migrate_dev_pair() {
  local d="$1" variant="$2" name db wd suffix=""
  name="$(basename "$d")"
  [ "$variant" = seeded ] && suffix="-seeded"
  db="oracle_cache_dev_$(printf '%s' "$name" | tr -c 'a-zA-Z0-9_' _)"
  wd="$(fresh_dir)"
  mkdir -p "$wd/prisma/migrations/00000000000000_init"
  printf '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n' \
    >"$wd/prisma/migrations/migration_lock.toml"
  cp "$d/v1.prisma" "$wd/prisma/schema.prisma"
  oracle_in "$wd" "$wd/prisma/schema.prisma" "$wd/prisma/migrations" -- migrate diff --from-empty --to-schema prisma/schema.prisma --script
  [ "$RC" = 0 ] || { echo "schema-pairs/$name: v1 from-empty failed" >&2; return 1; }
  cp "$WORK/out" "$wd/prisma/migrations/00000000000000_init/migration.sql"
  [ "$variant" = seeded ] && cat "$d/seed.sql" >>"$wd/prisma/migrations/00000000000000_init/migration.sql"
  pg_admin "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" && pg_admin "CREATE DATABASE \"$db\"" || return 1
  DATABASE_URL="$(db_url "$db")" oracle_in "$wd" "$wd/prisma/schema.prisma" "$wd/prisma/migrations" -- migrate deploy
  [ "$RC" = 0 ] || { echo "schema-pairs/$name: deploy of v1 failed" >&2; cat "$WORK/err" >&2; return 1; }
  cp "$d/v2.prisma" "$wd/prisma/schema.prisma"
  DATABASE_URL="$(db_url "$db")" oracle_in "$wd" "$wd/prisma/schema.prisma" "$wd/prisma/migrations" -- \
    migrate dev --create-only --name step </dev/null
  # normalise the generated directory name (UTC timestamp) and the host:port
  local hostport
  hostport="$(printf '%s\n' "$ORACLE_DATABASE_URL" | sed -E 's#^[a-z]+://([^@/]*@)?([^/?]*).*#\2#')"
  sed -E -e 's/[0-9]{14}_step/YYYYMMDDHHMMSS_step/g' -e "s#at \"$hostport\"#at \"HOST:PORT\"#" "$WORK/out" >"$d/migrate-dev$suffix.stdout"
  sed -E -e 's/[0-9]{14}_step/YYYYMMDDHHMMSS_step/g' "$WORK/err" >"$d/migrate-dev$suffix.stderr"
  printf '%s\n' "$RC" >"$d/migrate-dev$suffix.exit"
  local f
  f="$(find "$wd/prisma/migrations" -path '*_step/migration.sql' | head -n 1)"
  if [ -n "$f" ]; then cp "$f" "$d/migrate-dev$suffix.sql"; else rm -f "$d/migrate-dev$suffix.sql"; fi
  pg_admin "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
  echo "schema-pairs/$name: migrate dev ($variant) exit $RC"
}

do_dev() {
  if [ -z "${ORACLE_DATABASE_URL:-}" ]; then
    echo "dev: skipped (set ORACLE_DATABASE_URL)"
    return 0
  fi
  local d
  for d in "$TD"/schema-pairs/*/; do
    d="${d%/}"
    [ -f "$d/v1.prisma" ] && [ -f "$d/v2.prisma" ] || continue
    migrate_dev_pair "$d" empty
    [ -f "$d/seed.sql" ] && migrate_dev_pair "$d" seeded
  done
}

# cli/<case>/schema.prisma -> validate.{stdout,stderr,exit} and
# format.{stdout,stderr,exit} + formatted.prisma (format runs on a copy).
# `prisma format` prints its run time ("in 38ms"); it is replaced by "in <N>ms".
do_cli() {
  local d name wd n=0
  for d in "$TD"/cli/*/; do
    d="${d%/}"
    name="$(basename "$d")"
    [ -f "$d/schema.prisma" ] || continue
    wd="$(fresh_dir)"
    mkdir -p "$wd/prisma"
    cp "$d/schema.prisma" "$wd/prisma/schema.prisma"
    oracle_in "$wd" "$wd/prisma/schema.prisma" "$wd/prisma/migrations" -- validate --schema prisma/schema.prisma
    cp "$WORK/out" "$d/validate.stdout"; cp "$WORK/err" "$d/validate.stderr"; printf '%s\n' "$RC" >"$d/validate.exit"
    oracle_in "$wd" "$wd/prisma/schema.prisma" "$wd/prisma/migrations" -- format --schema prisma/schema.prisma
    sed -E 's/ in [0-9]+ms/ in <N>ms/' "$WORK/out" >"$d/format.stdout"; cp "$WORK/err" "$d/format.stderr"; printf '%s\n' "$RC" >"$d/format.exit"
    cp "$wd/prisma/schema.prisma" "$d/formatted.prisma"
    echo "cli/$name: validate/format done"
    n=$((n + 1))
  done
  echo "cli: $n done"
}

# schemas/<case>/roundtrip.sql: apply prisma.sql to a fresh database with
# `prisma db execute`, then `migrate diff --from-config-datasource --to-schema
# <schema> --script`. "-- This is an empty migration." means Prisma reads back
# what it wrote; anything else is Prisma's own round-trip drift. Extensions the
# script uses without creating (citext, pg_trgm) are created first. Cases whose
# script cannot be applied here get roundtrip.err instead.
do_roundtrip() {
  if [ -z "${ORACLE_DATABASE_URL:-}" ]; then
    echo "roundtrip: skipped (set ORACLE_DATABASE_URL)"
    return 0
  fi
  local d name wd db s n=0
  for d in "$TD"/schemas/*/; do
    d="${d%/}"
    name="$(basename "$d")"
    [ -f "$d/prisma.sql" ] || { rm -f "$d/roundtrip.sql" "$d/roundtrip.err"; continue; }
    wd="$(fresh_dir)"
    if [ -d "$d/schema" ]; then cp -r "$d/schema" "$wd/schema"; s=schema; else cp "$d/schema.prisma" "$wd/"; s=schema.prisma; fi
    : >"$wd/apply.sql"
    if grep -q 'CITEXT' "$d/prisma.sql" && ! grep -q 'EXTENSION IF NOT EXISTS "citext"' "$d/prisma.sql"; then
      echo 'CREATE EXTENSION IF NOT EXISTS "citext";' >>"$wd/apply.sql"
    fi
    if grep -q 'gin_trgm_ops' "$d/prisma.sql" && ! grep -q '"pg_trgm"' "$d/prisma.sql"; then
      echo 'CREATE EXTENSION IF NOT EXISTS "pg_trgm";' >>"$wd/apply.sql"
    fi
    cat "$d/prisma.sql" >>"$wd/apply.sql"
    db="oracle_cache_rt_$(printf '%s' "$name" | tr -c 'a-zA-Z0-9_' _)"
    pg_admin "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" && pg_admin "CREATE DATABASE \"$db\"" || return 1
    DATABASE_URL="$(db_url "$db")" oracle_in "$wd" "$wd/$s" "$wd/migrations" -- db execute --file apply.sql
    if [ "$RC" != 0 ]; then
      { echo "# prisma db execute --file prisma.sql failed (exit $RC):"; cat "$WORK/err"; } >"$d/roundtrip.err"
      rm -f "$d/roundtrip.sql"
    else
      DATABASE_URL="$(db_url "$db")" oracle_in "$wd" "$wd/$s" "$wd/migrations" -- \
        migrate diff --from-config-datasource --to-schema "$s" --script
      if [ "$RC" = 0 ]; then cp "$WORK/out" "$d/roundtrip.sql"; rm -f "$d/roundtrip.err"
      else { echo "# migrate diff failed (exit $RC):"; cat "$WORK/err"; } >"$d/roundtrip.err"; rm -f "$d/roundtrip.sql"; fi
    fi
    pg_admin "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
    echo "schemas/$name: roundtrip exit $RC"
    n=$((n + 1))
  done
  echo "roundtrip: $n done"
}

# schemas/<case>/pull.prisma: apply prisma.sql to a fresh database (as for
# roundtrip), then `prisma db pull --print --force` with the case's schema as
# the existing file (its datasource and generator blocks are kept, its models
# ignored) and `prisma db pull --print` without --force (re-introspection:
# Prisma keeps the schema's model and field names), stored as repull.prisma.
do_pull() {
  if [ -z "${ORACLE_DATABASE_URL:-}" ]; then
    echo "pull: skipped (set ORACLE_DATABASE_URL)"
    return 0
  fi
  local d name wd db s
  for d in "$TD"/schemas/*/; do
    d="${d%/}"
    name="$(basename "$d")"
    [ -f "$d/prisma.sql" ] || continue
    [ -f "$d/roundtrip.sql" ] || continue
    wd="$(fresh_dir)"
    if [ -d "$d/schema" ]; then cp -r "$d/schema" "$wd/schema"; s=schema; else cp "$d/schema.prisma" "$wd/"; s=schema.prisma; fi
    : >"$wd/apply.sql"
    if grep -q 'CITEXT' "$d/prisma.sql" && ! grep -q 'EXTENSION IF NOT EXISTS "citext"' "$d/prisma.sql"; then
      echo 'CREATE EXTENSION IF NOT EXISTS "citext";' >>"$wd/apply.sql"
    fi
    if grep -q 'gin_trgm_ops' "$d/prisma.sql" && ! grep -q '"pg_trgm"' "$d/prisma.sql"; then
      echo 'CREATE EXTENSION IF NOT EXISTS "pg_trgm";' >>"$wd/apply.sql"
    fi
    cat "$d/prisma.sql" >>"$wd/apply.sql"
    db="oracle_cache_pull_$(printf '%s' "$name" | tr -c 'a-zA-Z0-9_' _)"
    pg_admin "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" && pg_admin "CREATE DATABASE \"$db\"" || return 1
    DATABASE_URL="$(db_url "$db")" oracle_in "$wd" "$wd/$s" "$wd/migrations" -- db execute --file apply.sql
    DATABASE_URL="$(db_url "$db")" oracle_in "$wd" "$wd/$s" "$wd/migrations" -- db pull --print --force
    if [ "$RC" = 0 ]; then cp "$WORK/out" "$d/pull.prisma"; else cp "$WORK/err" "$d/pull.err"; fi
    echo "schemas/$name: pull exit $RC"
    DATABASE_URL="$(db_url "$db")" oracle_in "$wd" "$wd/$s" "$wd/migrations" -- db pull --print
    if [ "$RC" = 0 ]; then cp "$WORK/out" "$d/repull.prisma"; else cp "$WORK/err" "$d/repull.err"; fi
    pg_admin "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
  done
}

# corpus_schema PROJECT_DIR WORKDIR -> prints the schema argument (relative
# to WORKDIR) after copying the project's schema file/folder into WORKDIR.
corpus_schema() {
  local p="$1" wd="$2"
  if [ -d "$p/schema" ]; then                # papermark: schema/ folder
    cp -r "$p/schema" "$wd/schema"
    echo schema
  elif [ -d "$p/models" ]; then              # rallly: schema.prisma + models/
    mkdir -p "$wd/schema"
    cp "$p/schema.prisma" "$wd/schema/"
    cp -r "$p/models" "$wd/schema/models"
    echo schema
  else
    cp "$p/schema.prisma" "$wd/schema.prisma"
    echo schema.prisma
  fi
}

do_corpus() {
  if [ -z "${CORPUS_DIR:-}" ] || [ ! -d "${CORPUS_DIR:-}" ]; then
    echo "corpus: skipped (set CORPUS_DIR)"
    return 0
  fi
  local p name wd s out
  for p in "$CORPUS_DIR"/*/; do
    p="${p%/}"
    name="$(basename "$p")"
    [ -d "$p/migrations" ] || continue
    out="$TD/corpus-oracle/$name"
    mkdir -p "$out"
    wd="$(fresh_dir)"
    s="$(corpus_schema "$p" "$wd")"
    # shellcheck disable=SC2046
    strip_schema $(find "$wd" -name '*.prisma')
    oracle_in "$wd" "$wd/$s" "$p/migrations" -- migrate diff --from-empty --to-schema "$s" --script
    if [ "$RC" = 0 ]; then cp "$WORK/out" "$out/from-empty.sql"; rm -f "$out/from-empty.err"
    else cp "$WORK/err" "$out/from-empty.err"; rm -f "$out/from-empty.sql"; fi
    echo "corpus-oracle/$name from-empty: exit $RC"
    if [ -n "${ORACLE_DATABASE_URL:-}" ]; then
      DATABASE_URL="$ORACLE_DATABASE_URL" oracle_in "$wd" "$wd/$s" "$p/migrations" -- \
        migrate diff --from-migrations "$p/migrations" --to-schema "$s" --script
      if [ "$RC" = 0 ]; then cp "$WORK/out" "$out/history-to-schema.sql"; rm -f "$out/history-to-schema.err"
      else cp "$WORK/err" "$out/history-to-schema.err"; rm -f "$out/history-to-schema.sql"; fi
      echo "corpus-oracle/$name history-to-schema: exit $RC"
    else
      echo "corpus-oracle/$name history-to-schema: skipped (set ORACLE_DATABASE_URL)"
    fi
  done
}

targets=("$@")
[ ${#targets[@]} = 0 ] && targets=(all)
for t in "${targets[@]}"; do
  case "$t" in
    all) do_schemas; do_roundtrip; do_pull; do_pairs; do_dev; do_cli; do_corpus ;;
    schemas) do_schemas ;;
    pairs) do_pairs ;;
    dev) do_dev ;;
    cli) do_cli ;;
    roundtrip) do_roundtrip ;;
    pull) do_pull ;;
    corpus) do_corpus ;;
    *) echo "unknown target: $t (all|schemas|roundtrip|pull|pairs|dev|cli|corpus)" >&2; exit 2 ;;
  esac
done
