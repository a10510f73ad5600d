#!/bin/bash
# .github/class/github.sh - sourced by the class workflow's steps that call GitHub's API (list-answers,
# fetch-answers): one way to call it (retried on a passing fault) and to stay within the token's limit.
# Needs RATE_RESERVE (calls the token keeps back; default 200).

# call ARGS...: gh api ARGS, retried on a passing fault: a 5xx or a dropped connection three more times,
# 1, 2 and 4 s apart; a secondary rate limit (a 403 or 429 that says so) after a minute. A 404, 401,
# 422 or another 403 is GitHub's answer, not a fault, and is not asked again.
call() {
  local attempt errors
  errors=$(mktemp)
  for attempt in 1 2 3 4; do
    if gh api "$@" 2>"$errors"; then rm -f "$errors"; return 0; fi
    ((attempt == 4)) && break
    if grep -qiE 'HTTP (403|429).*rate limit|secondary rate limit' "$errors"; then
      sleep 60
    elif grep -qE 'HTTP (404|403|401|422)' "$errors"; then
      break
    else
      sleep $((1 << (attempt - 1)))
    fi
  done
  cat "$errors" >&2
  rm -f "$errors"
  return 1
}

# download URL FILE MAX: gh api URL into FILE, at most MAX bytes, retried as call is; exit 0 when it
# came whole, 2 when it is bigger than MAX (not read further), 1 when it did not come
download() {
  local url=$1 file=$2 max=$3 attempt fetched
  for attempt in 1 2 3 4; do
    gh api "$url" 2>"$file.errors" | head -c $((max + 1)) > "$file"
    fetched=${PIPESTATUS[0]}
    (($(stat -c %s "$file") > max)) && { rm -f "$file.errors"; return 2; }   # cut at MAX: it is bigger
    if ((fetched == 0)); then
      rm -f "$file.errors"
      return 0
    fi
    grep -qE 'HTTP (404|403|401|422)' "$file.errors" && break
    ((attempt < 4)) && sleep $((1 << (attempt - 1)))
  done
  cat "$file.errors" >&2
  rm -f "$file.errors"
  return 1
}

# rate_guard: waits for the rate limit's reset when the token has fewer than RATE_RESERVE calls left;
# the calls of a chunk of repositories are made after it
rate_guard() {
  local limit remaining reset now
  limit=$(call rate_limit --jq '.resources.core | "\(.remaining) \(.reset)"' 2>/dev/null) || return 0
  read -r remaining reset <<<"$limit"
  [[ $remaining =~ ^[0-9]+$ && $reset =~ ^[0-9]+$ ]] || return 0
  if ((remaining < ${RATE_RESERVE:-200})); then
    now=$(date +%s)
    echo "::notice::the token has $remaining API calls left: waiting $((reset - now + 1)) s for its limit to reset"
    sleep $((reset > now ? reset - now + 1 : 1))
  fi
}
