#!/bin/bash
# brief.sh FILE.out — strip the repetitive sysfs lines for reading
grep -vE '/(persistence_domain = <error|mappings =|mapping0 =|nstype =|init_namespaces =|namespace_seed|pfn_seed|dax_seed|btt_seed|deep_flush|read_only|force_raw|numa_node|alt_name|commands =|dsm_mask|state =|nfit/flags|resource = <error)|^(btt|dax|pfn|namespace)[0-9]|^=== (sysfs|end sysfs)|"(uuid|blockdev|sector_size)":' "$1" 
