# Topic 14: legacy infoblocks with start_pad / end_trunc, written by `ndctl write-infoblock --offset`
# (ndctl's own way to reproduce pre-5.7 "buggy" layouts), on the label-less region1 at SPA 0x1fffe0000
# (128K aligned, not 2M). The kernel's nd_pfn_validate() decides on enable.
x ndctl list -RN
section "14.1 fsdax map dev, align 2M, --offset = namespace base (start_pad 128K)"
x ndctl disable-namespace namespace1.0
x ndctl write-infoblock namespace1.0 -m fsdax -M dev -a 2M --offset 0x1fffe0000
x ndctl read-infoblock -j namespace1.0
x ndctl enable-namespace namespace1.0
alldump
x ndctl list -RNu -vvv
section "14.2 fsdax map mem, align 2M, --offset = base"
x ndctl disable-namespace namespace1.0
x ndctl write-infoblock namespace1.0 -m fsdax -M mem -a 2M --offset 0x1fffe0000
x ndctl read-infoblock -j namespace1.0
x ndctl enable-namespace namespace1.0
x ndctl list -RNu -vvv
section "14.3 fsdax map dev, align 2M, no --offset (start_pad 0)"
x ndctl disable-namespace namespace1.0
x ndctl write-infoblock namespace1.0 -m fsdax -M dev -a 2M
x ndctl read-infoblock -j namespace1.0
x ndctl enable-namespace namespace1.0
x ndctl list -RNu -vvv
section "14.4 devdax map dev, align 2M, --offset = base"
x ndctl disable-namespace namespace1.0
x ndctl write-infoblock namespace1.0 -m devdax -M dev -a 2M --offset 0x1fffe0000
x ndctl read-infoblock -j namespace1.0
x ndctl enable-namespace namespace1.0
x ndctl list -RNu -vvv
section "14.5 fsdax map dev, align 4K, --offset = base (start_pad 128K): the legacy rescue"
x ndctl disable-namespace namespace1.0
x ndctl write-infoblock namespace1.0 -m fsdax -M dev -a 4K --offset 0x1fffe0000
x ndctl read-infoblock -j namespace1.0
x ndctl enable-namespace namespace1.0
pfndump pfn1.0 pfn1.1
x ndctl list -RNu -vvv
section "14.6 fsdax map dev, align 4K, no --offset (start_pad 0)"
x ndctl disable-namespace namespace1.0
x ndctl write-infoblock namespace1.0 -m fsdax -M dev -a 4K
x ndctl read-infoblock -j namespace1.0
x ndctl enable-namespace namespace1.0
x ndctl list -RNu -vvv
section "14.7 fsdax map mem, align 4K, --offset = base"
x ndctl disable-namespace namespace1.0
x ndctl write-infoblock namespace1.0 -m fsdax -M mem -a 4K --offset 0x1fffe0000
x ndctl read-infoblock -j namespace1.0
x ndctl enable-namespace namespace1.0
pfndump pfn1.0 pfn1.1
x ndctl list -RNu -vvv
