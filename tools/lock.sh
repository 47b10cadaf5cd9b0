#!/usr/bin/env bash
# Regenerate requirements/lock.txt from the dev venv, then check that every pin has a wheel for
# each Python the Makefile may pick (3.11, 3.12, 3.13). Usage: tools/lock.sh [--check-only]
set -euo pipefail
cd "$(dirname "$0")/.."
PIP=".venv/bin/python -m pip --disable-pip-version-check"
if [ "${1:-}" != "--check-only" ]; then
  { echo "# Pinned dependencies for Python 3.11-3.13 (make install). Regenerate with tools/lock.sh."
    $PIP freeze --exclude-editable | grep -viE "^(en[-_]core[-_]web|pip==|eventlens)" \
      | sed -f tools/lock-overrides.sed; } > requirements/lock.txt
fi
tmp=$(mktemp -d)
status=0
for py in 3.11 3.12 3.13; do
  if ! $PIP download -q --no-deps --only-binary=:all: --python-version "$py" -d "$tmp/$py" \
      -r requirements/lock.txt >/dev/null 2>"$tmp/err"; then
    echo "lock: missing wheels for Python $py:"; grep -i error "$tmp/err" | head -5; status=1
  else
    echo "lock: every pin has a wheel for Python $py"
  fi
done
rm -rf "$tmp"
exit $status
