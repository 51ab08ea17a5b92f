#!/bin/bash
# Host side of `pmdl diff` (x86_64): turn the installed Debian kernel into what QEMU boots fast.
#   prepare-x86.sh KVER ROOT OUTDIR
# writes OUTDIR/vmlinux (the ELF inside ROOT/boot/vmlinuz-KVER, booted through PVH: no in-guest decompression,
# which costs ~10 s under TCG) and OUTDIR/initramfs.cpio (busybox, ndctl and daxctl and their libraries, the nvdimm
# modules of KVER, /init and /lib/pmdl-guest.sh, both copied from this directory by the caller). ROOT (""
# for /) is where the linux-image package is: an installed one, or one unpacked with dpkg-deb -x (Debian 13's,
# scripts/fetch-kernel), whose modules sit in usr/lib/modules and may be xz-compressed.
# Needs: busybox-static, ndctl (with daxctl), linux-image-KVER, cpio, xz-utils, kmod (depmod, modprobe), binutils (readelf).
set -euo pipefail
KVER=$1 ROOT=$2 OUT=$3 HERE=$(cd "$(dirname "$0")" && pwd)
MODBASE=$ROOT; [ -d "$ROOT/lib/modules/$KVER" ] || MODBASE=$ROOT/usr   # modprobe -d: DIR/lib/modules/KVER
MODDIR=$MODBASE/lib/modules/$KVER
mkdir -p "$OUT"
WORK=$(mktemp -d "$OUT/tmp.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# 1. vmlinux: the first xz/zstd/gzip stream in the bzImage that inflates to an ELF
IMG=$ROOT/boot/vmlinuz-$KVER
found=
for magic in 'fd377a585a00' '28b52ffd' '1f8b08'; do
  for off in $(od -An -v -tx1 -w1 "$IMG" | tr -d ' \n' | grep -ob "$magic" | cut -d: -f1 | head -5); do
    [ $((off % 2)) -eq 0 ] || continue
    start=$((off / 2))
    case $magic in fd37*) dec="xz -dc";; 28b5*) dec="zstd -qdc";; *) dec="gzip -dc";; esac
    tail -c +$((start + 1)) "$IMG" | $dec > "$WORK/vmlinux" 2>/dev/null || true
    if [ "$(head -c 4 "$WORK/vmlinux" | od -An -tx1 | tr -d ' ')" = 7f454c46 ]; then found=1; break 2; fi
  done
done
[ -n "$found" ] || { echo "no ELF payload in $IMG" >&2; exit 1; }

# 2. initramfs root
R=$WORK/root
mkdir -p $R/bin $R/sbin $R/usr/bin $R/usr/sbin $R/proc $R/sys $R/dev $R/tmp $R/run $R/etc $R/lib
ldd /bin/busybox > /dev/null 2>&1 && { echo "/bin/busybox is linked dynamically: install busybox-static" >&2; exit 1; }
cp /bin/busybox $R/bin/busybox
cp /usr/bin/ndctl /usr/bin/daxctl $R/usr/bin/
for f in /usr/bin/ndctl /usr/bin/daxctl $(for b in ndctl daxctl; do ldd /usr/bin/$b; done | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | sort -u); do
  mkdir -p "$R$(dirname "$f")"
  cp -L "$f" "$R$f"
done
MODS="libnvdimm nfit nd_pmem nd_btt dax_pmem device_dax kmem"
for m in $MODS; do
  for ko in $(modprobe -d "${MODBASE:-/}" -S "$KVER" --ignore-install --show-depends "$m" | awk '$1 == "insmod" {print $2}'); do
    to=$R/lib/modules/$KVER/${ko#"$MODDIR"/}
    mkdir -p "$(dirname "$to")"
    case $ko in   # busybox's modprobe loads plain .ko files
      *.ko.xz) xz -dc "$ko" > "${to%.xz}";;
      *) cp "$ko" "$to";;
    esac
  done
done
cp $MODDIR/modules.builtin $MODDIR/modules.builtin.modinfo $R/lib/modules/$KVER/ 2>/dev/null || true
depmod -b $R "$KVER"
echo "$MODS" > $R/etc/pmdl-modules
install -m 0755 "$HERE/guest-init.sh" $R/init
install -m 0644 "$HERE/guest-lib.sh" $R/lib/pmdl-guest.sh
echo "root:x:0:0:root:/root:/bin/sh" > $R/etc/passwd
(cd $R && find . | LC_ALL=C sort | cpio -o -H newc --owner=0:0 --quiet) > "$WORK/initramfs.cpio"
mv "$WORK/vmlinux" "$WORK/initramfs.cpio" "$OUT/"
