#!/usr/bin/env bash
# Seeds the fuzz corpora (not committed) from the repository's test data and the shared
# corpus of real projects: every .prisma file for the schema targets, every migration.sql
# for the SQL script target. Usage: fuzz/seed.sh [CORPUS_DIR] (default ../shared/corpus).
set -euo pipefail
cd "$(dirname "$0")"
shared="${1:-../../shared/corpus}"
mkdir -p corpus/psl corpus/psl_format corpus/sql_script corpus/replay
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
  cp "$f" "corpus/replay/seed-$m.sql"
done < <(find ../testdata "$shared" -type f -name '*.sql' -print0 2>/dev/null)
# Histories for the replay target: runs of ten consecutive migrations of each project,
# separated as the target splits them.
h=0
for project in "$shared"/*/migrations; do
  [ -d "$project" ] || continue
  mapfile -t files < <(find "$project" -name migration.sql | LC_ALL=C sort)
  for ((i = 0; i < ${#files[@]}; i += 10)); do
    h=$((h + 1))
    for f in "${files[@]:i:10}"; do
      cat "$f"
      printf '\n-- next migration\n'
    done > "corpus/replay/history-$h.sql"
  done
done
echo "seeded $n schemas, $m scripts and $h histories"
