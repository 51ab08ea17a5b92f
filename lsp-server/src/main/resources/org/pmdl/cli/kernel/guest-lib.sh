# Guest helpers of `pmdl diff`, sourced before each stage script. Every line meant for the host starts with
# "@@pmdl "; command output is prefixed "@@pmdl | ", new kernel log lines "@@pmdl k ".
D=/sys/bus/nd/devices

pmdl_region_at() {                        # the region whose SPA resource is $1 (how QEMU placed it)
  for r in $D/region*; do
    [ "$(cat $r/resource 2>/dev/null)" = "$1" ] && { basename $r; return; }
  done
  echo "region-at-$1"
}

pmdl_region_of_drc() {                   # papr_scm's region of SCM DRC $1 (hex): its bus is named after the node
  for r in $D/region*; do
    case "$(cat $(readlink -f $r)/../provider 2>/dev/null)" in *@$1) basename $r; return;; esac
  done
  echo "region-of-drc-$1"
}

pmdl_kernel_log() {                       # (the pseries kernel adds a caller id: "[    3.06][   T66] ")
  dmesg -c 2>/dev/null | sed 's/^\[ *[0-9.]*\]\(\[ *[TC][0-9]*\]\)\? //; s/^/@@pmdl k /'
}

pmdl_boot_log() {                         # what this kernel said while it booted (saved by /init)
  sed 's/^\[ *[0-9.]*\]\(\[ *[TC][0-9]*\]\)\? //' /tmp/pmdl-boot.log 2>/dev/null
}

pmdl_panic() {                            # pmdl_panic ID: the machine stops (panic=-1, QEMU -no-reboot)
  echo "@@pmdl step $1 rc=0"
  echo "@@pmdl end rc=0"
  sync
  echo c > /proc/sysrq-trigger
}

# pmdl_kexec ID OPTION...: load the kernel and initrd the host put in /pmdl (the next stage's) and jump; the step
# reports from the next kernel; here only a load that fails
pmdl_kexec() {
  _id=$1; shift
  # the names of namespaces (tmpfs) travel on the command line; /init puts them back
  _names=$(tr ' \n' '=,' < "${PMDL_NAMES:-/tmp/pmdl-names}" 2>/dev/null)
  _cmdline="$(sed 's/ *pmdl_names=[^ ]*//' /proc/cmdline) pmdl_names=$_names"
  _out=$(kexec "$@" /pmdl/vmlinux --initrd=/pmdl/next.cpio --append="$_cmdline" 2>&1); _rc=$?
  if [ $_rc -ne 0 ]; then
    echo "@@pmdl step $_id rc=$_rc"
    [ -n "$_out" ] && echo "$_out" | sed 's/^/@@pmdl | /'
    pmdl_kernel_log
    return
  fi
  echo "@@pmdl kexec $_id"
  sync
  kexec -e
}

# pmdl_step ID CMD...: run CMD, report its exit status, its output and the kernel lines it caused
pmdl_step() {
  _id=$1; shift
  _out=$("$@" 2>&1); _rc=$?
  echo "@@pmdl step $_id rc=$_rc"
  [ -n "$_out" ] && echo "$_out" | sed 's/^/@@pmdl | /'
  pmdl_kernel_log
  PMDL_LAST_DEV=$(echo "$_out" | sed -n 's/^ *"dev":"\(namespace[0-9.]*\)".*/\1/p' | head -1)
}

# pmdl_labels REGION idle|active TOOL [OPTION...]: an ndctl label tool on the region's DIMM; idle is ndctl's way,
# the region disabled around it; active runs the tool alone while the region stays enabled
pmdl_labels() {
  _r=$1; _s=$2; _t=$3; shift 3; _m=$(cut -d, -f1 $D/$_r/mapping0)
  [ "$_s" = active ] && { ndctl "$_t" "$_m" "$@"; return; }
  ndctl disable-region "$_r" || return
  ndctl "$_t" "$_m" "$@"; _il=$?
  ndctl enable-region "$_r"                 # a refused tool leaves the region as it was
  return $_il
}

pmdl_write() {                            # pmdl_write VALUE ATTRIBUTE-PATH
  echo "$1" > "$2"
}

# namespaces the scenario created, by name: their uuid (labels keep it across a reboot)
pmdl_remember() {
  echo "$1 $2" >> "${PMDL_NAMES:-/tmp/pmdl-names}"
}

pmdl_name() {                             # after a create/reconfigure step: remember what it made
  [ -n "$PMDL_LAST_DEV" ] || return 0
  _u=$(cat $D/$PMDL_LAST_DEV/uuid 2>/dev/null)
  pmdl_remember "$1" "$_u"
  echo "@@pmdl name $1 $PMDL_LAST_DEV $_u"
}

pmdl_ns() {                               # the kernel's name of a namespace: by remembered uuid, else as given
  _u=$(grep "^$1 " "${PMDL_NAMES:-/tmp/pmdl-names}" 2>/dev/null | tail -1 | cut -d' ' -f2)
  if [ -n "$_u" ]; then
    for n in $D/namespace*; do
      [ "$(cat $n/uuid 2>/dev/null)" = "$_u" ] && { basename $n; return; }
    done
  fi
  echo "$1"
}

# pmdl_read NAMESPACE OFFSET: one O_DIRECT read of the logical block at OFFSET of the namespace's block device
# (its own, or its pfn's or btt's: the disk whose device is, or claims, the namespace)
pmdl_read() {
  _n=$(pmdl_ns "$1"); _b=
  for b in /sys/block/pmem*; do
    [ -e "$b" ] || continue
    if [ "$(basename "$(readlink -f $b/device)")" = "$_n" ] || [ "$(cat $b/device/namespace 2>/dev/null)" = "$_n" ]
    then _b=$(basename $b); fi
  done
  [ -n "$_b" ] || { echo "$_n: no block device: No such file or directory"; return 254; }
  _s=$(cat /sys/block/$_b/queue/logical_block_size)
  dd if=/dev/$_b of=/dev/null bs=$_s skip=$(($2 / _s)) count=1 iflag=direct
}

pmdl_dax() {                              # the dax device of a devdax namespace: namespaceR.N -> daxR.N
  _n=$(pmdl_ns "$1"); echo "dax${_n#namespace}"
}

pmdl_dax_region() {                       # the dax region (id R) of a devdax namespace namespaceR.N
  _n=$(pmdl_ns "$1"); _n=${_n#namespace}; echo "${_n%%.*}"
}

# what ndctl list shows (idle namespaces included), every region's read_only (ndctl list leaves it out) and
# every namespace's raw sysfs size
pmdl_state() {
  echo "@@pmdl state $1"
  ndctl list -RNi | sed 's/^/@@pmdl j /'
  for r in $D/region*; do
    [ -e $r/read_only ] && echo "@@pmdl ro $(basename $r) $(cat $r/read_only)"
  done
  for n in $D/namespace*; do
    [ -e $n/size ] && echo "@@pmdl raw $(basename $n) $(cat $n/size) $(cat $n/uuid 2>/dev/null)"
  done
}

# back to the state of a fresh boot: regions enabled with their boot-time read_only (a read-only region refuses
# the destroy), no namespaces, infoblocks zeroed (destroy does that), labels zeroed, the boot-time region aligns
# and auto_online_blocks
pmdl_reset() {
  ndctl enable-region all > /dev/null 2>&1
  while read -r _r _v; do echo "$_v" > $D/$_r/read_only 2>/dev/null; done < /tmp/pmdl-ro
  cat /tmp/pmdl-auto-online > /sys/devices/system/memory/auto_online_blocks 2>/dev/null
  ndctl destroy-namespace -f all > /dev/null 2>&1
  for r in $D/region*; do
    _r=$(basename $r); _m=$(cut -d, -f1 $r/mapping0)
    ndctl disable-region "$_r" > /dev/null 2>&1
    ndctl zero-labels "$_m" > /dev/null 2>&1
    ndctl enable-region "$_r" > /dev/null 2>&1
  done
  sleep 0.2
  while read -r _r _a; do echo "$_a" > $D/$_r/align 2>/dev/null; done < /tmp/pmdl-aligns
  rm -f "${PMDL_NAMES:-/tmp/pmdl-names}"
  dmesg -c > /dev/null
}

pmdl_save_aligns() {                     # and the other boot-time values pmdl_reset puts back
  for r in $D/region*; do echo "$(basename $r) $(cat $r/align)"; done > /tmp/pmdl-aligns
  for r in $D/region*; do echo "$(basename $r) $(cat $r/read_only)"; done > /tmp/pmdl-ro
  cat /sys/devices/system/memory/auto_online_blocks > /tmp/pmdl-auto-online 2>/dev/null
}
