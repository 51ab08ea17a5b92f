# papr_scm DIMM (spapr-nvdimm, label-size 128K): what ndctl init-labels does on it, and its DIMM
# attributes before and after (available_slots, label version, region/namespace sizes).
section "boot: label-less papr_scm DIMM"
x ndctl list -RDNi -v
attr /sys/bus/nd/devices/nmem0/available_slots /sys/bus/nd/devices/nmem0/flags /sys/bus/nd/devices/nmem0/commands
attr /sys/bus/nd/devices/region0/size /sys/bus/nd/devices/region0/available_size /sys/bus/nd/devices/region0/align
section "init-labels"
x ndctl disable-region all
x ndctl init-labels nmem0
x ndctl enable-region all
x ndctl list -RDNi -v
attr /sys/bus/nd/devices/nmem0/available_slots /sys/bus/nd/devices/region0/available_size /sys/bus/nd/devices/region0/max_available_extent
x ndctl read-labels -j nmem0
section "init-labels again (labels present)"
x ndctl disable-region all
x ndctl init-labels nmem0
x ndctl init-labels -f nmem0
x ndctl enable-region all
section "create namespace on the labelled DIMM"
x ndctl create-namespace -r region0 -m fsdax -s 512M
attr /sys/bus/nd/devices/nmem0/available_slots
x ndctl list -RDNi
