#!/usr/bin/env bash
# Checks docs/model/supervisor.pml with spin (docs/safety.md, "Model checking"):
#   - every LTL property exhaustively (breadth-first, so a violation comes with the shortest trail);
#   - each planted-bug variant must FAIL its property (counted as passed when spin finds it);
#   - the conformance traces in docs/model/traces are what the model produces now.
# Prints one line "spin: NAME passed|failed" per check and exits 1 if any failed.
#   check.sh             all of the above
#   check.sh --traces    only rewrite docs/model/traces (after a model change; commit them)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
model="$here/supervisor.pml"
seeds="1 2 3 4 5 6 7 8"
steps=6000

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

report() { # name, 0|1
  if [ "$2" -eq 0 ]; then echo "spin: $1 passed"; else echo "spin: $1 failed"; failures=$((failures + 1)); fi
}

# Random simulation with a fixed seed; only the model's own step lines, without spin's indentation.
trace() { # seed, output file
  (cd "$work" && spin -DSIM -n"$1" -u"$steps" "$model") | sed -n 's/^ *\(M .*\)$/\1/p' >"$2"
}

# The shortest counterexample of clear_sound in the planted-bug variant, as model steps.
bug_trail() { # output file
  local dir="$work/trail"
  mkdir -p "$dir" && cp "$model" "$dir/supervisor.pml"
  (cd "$dir" && spin -DBUG_CLEAR_IGNORES_LINK -a supervisor.pml >/dev/null && gcc -O2 -DBFS -o pan pan.c \
    && ./pan -N clear_sound >/dev/null 2>&1; spin -DBUG_CLEAR_IGNORES_LINK -t supervisor.pml) | sed -n 's/^ *\(M .*\)$/\1/p' >"$1"
}

if [ "${1:-}" = "--traces" ]; then
  mkdir -p "$here/traces"
  for seed in $seeds; do trace "$seed" "$here/traces/seed-$seed.txt"; done
  bug_trail "$here/traces/bug-clear-ignores-link.txt"
  echo "wrote $(ls "$here/traces" | wc -l) traces to $here/traces"
  exit 0
fi

# verify NAME DEFINES PROPERTY EXPECT: EXPECT is "holds" or "violated".
verify() {
  local name=$1 defines=$2 property=$3 expect=$4 dir="$work/$1" log
  mkdir -p "$dir"
  cp "$model" "$dir/supervisor.pml"
  log="$dir/pan.log"
  if ! (cd "$dir" && spin $defines -a supervisor.pml >spin.log 2>&1 && gcc -O2 -DBFS -o pan pan.c >gcc.log 2>&1); then
    cat "$dir"/spin.log "$dir"/gcc.log 2>/dev/null | head -n 20
    report "$name" 1
    return
  fi
  (cd "$dir" && ./pan -N "$property" >"$log" 2>&1)
  local stored errors
  stored=$(sed -n 's/^ *\([0-9]*\) states, stored.*/\1/p' "$log" | head -n 1)
  errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' "$log" | head -n 1)
  echo "spin: $name: ${stored:-?} states, errors ${errors:-?} (expected: $expect)"
  if [ "$expect" = holds ]; then
    # Exhaustive only if pan neither ran out of memory nor was cut short.
    if [ "${errors:-1}" = 0 ] && ! grep -q "out of memory\|max search depth too small\|aborted" "$log"; then
      report "$name" 0
    else
      grep -m 3 "violated\|error" "$log"
      report "$name" 1
    fi
  else
    if [ "${errors:-0}" != 0 ] && grep -q "violated" "$log"; then
      (cd "$dir" && spin $defines -t supervisor.pml | sed -n 's/^ *\(M .*\)$/  trail: \1/p')
      report "$name" 0
    else
      report "$name" 1
    fi
  fi
}

for property in emitters_off cut_budget clear_sound binding; do
  verify "$property" "" "$property" holds
done
verify clear_sound_catches_planted_bug "-DBUG_CLEAR_IGNORES_LINK" clear_sound violated
verify binding_catches_planted_bug "-DBUG_TAKEOVER_WHILE_ACTIVE" binding violated

stale=0
for seed in $seeds; do
  trace "$seed" "$work/seed-$seed.txt"
  if ! cmp -s "$work/seed-$seed.txt" "$here/traces/seed-$seed.txt"; then
    echo "spin: docs/model/traces/seed-$seed.txt differs from the model's trace (run docs/model/check.sh --traces)"
    stale=1
  fi
done
bug_trail "$work/bug-clear-ignores-link.txt"
if ! cmp -s "$work/bug-clear-ignores-link.txt" "$here/traces/bug-clear-ignores-link.txt"; then
  echo "spin: docs/model/traces/bug-clear-ignores-link.txt differs from the model's trail (run docs/model/check.sh --traces)"
  stale=1
fi
report traces_current "$stale"

[ "$failures" -eq 0 ]
