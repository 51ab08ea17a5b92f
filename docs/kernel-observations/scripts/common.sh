# common.sh — prepended to every topic script (guest side, after /lib/oracle-lib.sh)
D=/sys/bus/nd/devices
rdump() {  # rdump region0 ...
  for r in "$@"; do
    echo "--- $r"
    attr $D/$r/size $D/$r/align $D/$r/available_size $D/$r/max_available_extent \
         $D/$r/persistence_domain $D/$r/mappings $D/$r/mapping0 $D/$r/nstype $D/$r/init_namespaces \
         $D/$r/namespace_seed $D/$r/pfn_seed $D/$r/dax_seed $D/$r/btt_seed $D/$r/deep_flush $D/$r/read_only \
         $D/$r/resource
  done
}
nsdump() {  # nsdump namespace0.0 ...
  for n in "$@"; do
    echo "--- $n"
    attr $D/$n/size $D/$n/mode $D/$n/nstype $D/$n/holder $D/$n/resource $D/$n/sector_size \
         $D/$n/alt_name $D/$n/uuid $D/$n/force_raw $D/$n/numa_node
  done
}
pfndump() {  # pfndump pfn0.0 / dax0.0 / btt0.0
  for p in "$@"; do
    echo "--- $p"
    for a in namespace mode align size resource uuid supported_alignments sector_size; do
      [ -e $D/$p/$a ] && attr $D/$p/$a
    done
  done
}
nmemdump() {
  for m in "$@"; do
    echo "--- $m"
    attr $D/$m/flags $D/$m/state $D/$m/available_slots $D/$m/commands $D/$m/nfit/flags $D/$m/nfit/dsm_mask 2>/dev/null
  done
}
alldump() {
  echo "=== sysfs dump ==="
  ls $D
  rdump $(cd $D && ls -d region* 2>/dev/null)
  nsdump $(cd $D && ls -d namespace* 2>/dev/null)
  for p in $(cd $D && ls -d pfn* dax* btt* 2>/dev/null); do
    [ -e $D/$p/namespace ] && [ -n "$(cat $D/$p/namespace 2>/dev/null)" ] && pfndump $p
  done
  nmemdump $(cd $D && ls -d nmem* 2>/dev/null)
  echo "=== end sysfs dump ==="
}
echo "uname -r: $(uname -r)"
echo "ndctl --version: $(ndctl --version)"
dbg_on
# one line per claimed pfn/dax/btt device
pfnline() {
  for p in $(cd $D && ls -d pfn* dax* btt* 2>/dev/null); do
    n=$(cat $D/$p/namespace 2>/dev/null); [ -z "$n" ] && continue
    echo "  $p: ns=$n ns_res=$(cat $D/$n/resource) ns_size=$(cat $D/$n/size) mode=$(cat $D/$p/mode 2>/dev/null) align=$(cat $D/$p/align 2>/dev/null) res=$(cat $D/$p/resource 2>/dev/null) size=$(cat $D/$p/size 2>/dev/null)"
  done
}
