#!/bin/bash
# Host side of `pmdl diff` (pseries): the prebuilt ppc64le kernel and a ppc64el initramfs for QEMU.
#   prepare-ppc64.sh VMLINUX.xz MODULES_BUILTIN MODULES_BUILTIN_MODINFO USERLAND OUTDIR
# writes OUTDIR/vmlinux (shared/kernels/ppc64le's kernel: libnvdimm and papr_scm built in, no modules) and
# OUTDIR/initramfs.cpio: Debian's ppc64el busybox, ndctl, daxctl and kexec with their libraries (from USERLAND,
# unpacked by scripts/setup-ppc64-guest), the kernel's modules.builtin (so that libkmod, in daxctl, knows kmem
# and device_dax are built in), /init and /lib/pmdl-guest.sh (copied next to this script by the caller).
# Needs: xz-utils, cpio, kmod (depmod), binutils (readelf, strings).
set -euo pipefail
XZ=$1 BUILTIN=$2 MODINFO=$3 U=$4 OUT=$5 HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$OUT"
WORK=$(mktemp -d "$OUT/tmp.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
xz -dc "$XZ" > "$WORK/vmlinux"
REL=$(strings "$WORK/vmlinux" | sed -n 's/^Linux version \([^ ]*\) .*/\1/p' | head -1)
[ -n "$REL" ] || { echo "no 'Linux version' string in $XZ" >&2; exit 1; }

R=$WORK/root
mkdir -p $R/bin $R/sbin $R/usr/bin $R/usr/sbin $R/proc $R/sys $R/dev $R/tmp $R/run $R/etc $R/lib
cp "$U/bin/busybox" $R/bin/busybox
# a program and, recursively, the libraries it needs, all resolved inside USERLAND (absolute links too)
declare -A SEEN
copy() {
  local f=$1 src=$U$1 n=0
  [ -n "${SEEN[$f]:-}" ] && return
  SEEN[$f]=1
  while [ -L "$src" ] && [ $n -lt 20 ]; do
    local t; t=$(readlink "$src")
    case $t in /*) src=$U$t;; *) src=$(dirname "$src")/$t;; esac
    n=$((n+1))
  done
  mkdir -p "$R$(dirname "$f")"
  cp "$src" "$R$f"
  local interp; interp=$(readelf -l "$src" 2>/dev/null | sed -n 's/.*program interpreter: \(.*\)\]/\1/p')
  [ -n "$interp" ] && copy "$interp"
  for lib in $(readelf -d "$src" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    local found=
    for d in /lib/powerpc64le-linux-gnu /usr/lib/powerpc64le-linux-gnu /lib64; do
      [ -e "$U$d/$lib" ] && { copy "$d/$lib"; found=1; break; }
    done
    [ -n "$found" ] || { echo "library $lib of $f not in $U" >&2; exit 1; }
  done
}
copy /usr/bin/ndctl
copy /usr/bin/daxctl
copy /sbin/kexec
mkdir -p $R/lib/modules/$REL
cp "$BUILTIN" $R/lib/modules/$REL/modules.builtin
cp "$MODINFO" $R/lib/modules/$REL/modules.builtin.modinfo
: > $R/lib/modules/$REL/modules.order
depmod -b $R "$REL"
: > $R/etc/pmdl-modules                  # everything is built in
install -m 0755 "$HERE/guest-init.sh" $R/init
install -m 0644 "$HERE/guest-lib.sh" $R/lib/pmdl-guest.sh
echo "root:x:0:0:root:/root:/bin/sh" > $R/etc/passwd
(cd $R && find . | LC_ALL=C sort | cpio -o -H newc --owner=0:0 --quiet) > "$WORK/initramfs.cpio"
mv "$WORK/vmlinux" "$WORK/initramfs.cpio" "$OUT/"
