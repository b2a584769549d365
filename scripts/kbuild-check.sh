#!/usr/bin/env bash
# Builds every reference driver (test/fixtures/drivers/*, labs/*/solution) with real kbuild against Debian's
# linux-headers for 6.1: the proof that the workbench's kernel API is Linux's. Installs nothing; fails loudly.
set -u -o pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
missing=()
command -v make >/dev/null 2>&1 || missing+=(make)
command -v gcc >/dev/null 2>&1 || missing+=(gcc)

kdir="${KBUILD_DIR:-}"
if [ -z "$kdir" ]; then
  for d in /usr/src/linux-headers-6.1*-amd64 /usr/src/linux-headers-6.1*; do
    if [ -f "$d/Makefile" ] && [ -f "$d/Module.symvers" ]; then kdir="$d"; break; fi
  done
fi
[ -n "$kdir" ] && [ -f "$kdir/Makefile" ] || missing+=(linux-headers-amd64)

if [ ${#missing[@]} -gt 0 ]; then
  echo "kbuild-check: missing: ${missing[*]}" >&2
  echo "kbuild-check: install with: apt-get install -y linux-headers-amd64 gcc make" >&2
  echo "kbuild-check: (or point KBUILD_DIR at a configured linux-headers-6.1 tree)" >&2
  exit 2
fi

drivers=()
for d in "$root"/test/fixtures/drivers/*/ "$root"/labs/*/solution/; do
  [ -d "$d" ] || continue
  if [ -f "$d/Kbuild" ] || [ -f "$d/Makefile" ]; then drivers+=("${d%/}"); fi
done
if [ ${#drivers[@]} -eq 0 ]; then
  echo "kbuild-check: no drivers found" >&2
  exit 1
fi

work="$(mktemp -d /tmp/kbuild-check.XXXXXX)"
trap 'rm -rf "$work"' EXIT
echo "kbuild-check: headers $kdir ($(make -s -C "$kdir" kernelrelease 2>/dev/null || basename "$kdir"))"
failed=()
for d in "${drivers[@]}"; do
  rel="${d#"$root"/}"
  dest="$work/$(echo "$rel" | tr '/' '_')"
  mkdir -p "$dest"
  cp -r "$d"/. "$dest"/
  log="$dest/.kbuild.log"
  if make -C "$kdir" M="$dest" modules >"$log" 2>&1 && ls "$dest"/*.ko >/dev/null 2>&1; then
    if grep -E "(warning|error):" "$log" | grep -v "Skipping BTF" >/dev/null; then
      echo "FAIL $rel (warnings)"; grep -E "(warning|error):" "$log" | sed 's/^/    /'; failed+=("$rel")
    else
      echo "ok   $rel: $(cd "$dest" && ls *.ko | tr '\n' ' ')"
    fi
  else
    echo "FAIL $rel"; sed 's/^/    /' "$log"; failed+=("$rel")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "kbuild-check: ${#failed[@]} of ${#drivers[@]} drivers FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "kbuild-check: all ${#drivers[@]} drivers build with kbuild"
