#!/bin/bash
# .ci/lib.sh - sourced by the CI scripts of .ci/: what they share. CHECK_INDENT (default none) goes
# before each PASS/FAIL line; $failures counts the FAIL lines.
failures=0

# check WHAT COMMAND...: one PASS line when the command succeeds, else one FAIL line
check() {
  local what=$1; shift
  if "$@"; then echo "${CHECK_INDENT-}PASS $what"; else echo "${CHECK_INDENT-}FAIL $what"; failures=$((failures + 1)); fi
}
