#!/usr/bin/env bash
# Seeds the fuzz corpora (not committed) from the repository's test data and the shared
# corpus of real projects: every .prisma file for the schema targets, every migration.sql
# for the SQL script target. Usage: fuzz/seed.sh [CORPUS_DIR] (default ../shared/corpus).
set -euo pipefail
cd "$(dirname "$0")"
shared="${1:-../../shared/corpus}"
mkdir -p corpus/psl corpus/psl_format corpus/sql_script
n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  cp "$f" "corpus/psl/seed-$n.prisma"
  cp "$f" "corpus/psl_format/seed-$n.prisma"
done < <(find ../testdata ../crates "$shared" -type f -name '*.prisma' -print0 2>/dev/null)
m=0
while IFS= read -r -d '' f; do
  m=$((m + 1))
  cp "$f" "corpus/sql_script/seed-$m.sql"
done < <(find ../testdata "$shared" -type f -name '*.sql' -print0 2>/dev/null)
echo "seeded $n schemas and $m scripts"
