package org.pmdl.model.hotplug;

import java.util.Arrays;
import java.util.Optional;

/** What memoryN/state and memhp_default_state= accept (mm/memory_hotplug.c online_type_to_str). */
public enum OnlineType {
    OFFLINE("offline"), ONLINE("online"), ONLINE_KERNEL("online_kernel"), ONLINE_MOVABLE("online_movable");

    private final String keyword;

    OnlineType(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static Optional<OnlineType> of(String keyword) {
        return Arrays.stream(values()).filter(t -> t.keyword.equals(keyword)).findFirst();
    }
}
