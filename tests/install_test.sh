#!/usr/bin/env bash
# `cmake --install` gives a claimex that finds its installed rules by itself,
# from any working directory, without --rules or CLAIMEX_RULES.
set -euo pipefail
build_dir=$1
source_dir=$2
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build_dir" --prefix "$prefix" > /dev/null
test -f "$prefix/share/claimex/rules/quantity.toml"
# Give the installed rules a qualifier the source tree's rules lack: reading
# it proves the installed binary uses the installed rules.
printf 'north of\tgt\tno\tbefore\n' >> "$prefix/share/claimex/rules/lexicon/qualifiers.tsv"
unset CLAIMEX_RULES
cd "$prefix"
out=$(echo '{"id":"a","text":"north of 800 soldiers"}' | "$prefix/bin/claimex" extract - 2>&1)
echo "$out" | grep -q '"relation":"gt"' || { echo "install_test: installed rules not used: $out"; exit 1; }
echo "$out" | grep -q '"unit":"soldier"'
echo "$out" | grep -q "1 documents read, 1 claims, 0 errors"
echo "install_test: ok"
