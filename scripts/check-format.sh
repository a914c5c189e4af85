#!/usr/bin/env bash
# Checks that every tracked C++ source (*.cpp, *.h, *.cu) is formatted as .clang-format says.
# Usage: scripts/check-format.sh [--fix]   (--fix rewrites the files in place instead)
# On failure clang-format names each file, line and column it would change.
set -euo pipefail
cd "$(dirname "$0")/.."
clang_format="${CLANG_FORMAT:-clang-format}"
mode=(--dry-run --Werror)
case "${1:-}" in
  "") ;;
  --fix) mode=(-i) ;;
  *) echo "check-format.sh: unknown option $1 (use --fix)" >&2; exit 2 ;;
esac
command -v "$clang_format" >/dev/null ||
  { echo "check-format.sh: $clang_format not found (scripts/install-deps.sh --fuzz)" >&2; exit 2; }
mapfile -d '' files < <(git ls-files -z -- '*.cpp' '*.h' '*.cu')
[ ${#files[@]} -gt 0 ] || { echo "check-format.sh: no C++ sources tracked"; exit 0; }
if printf '%s\0' "${files[@]}" | xargs -0 -n 50 "$clang_format" --style=file "${mode[@]}"; then
  echo "check-format.sh: ${#files[@]} files checked ($("$clang_format" --version))"
else
  echo "check-format.sh: files differ from .clang-format; run scripts/check-format.sh --fix" >&2
  exit 1
fi
