package org.pmdl.model.kernel;

import java.util.List;
import java.util.Optional;

/**
 * How a distribution configures its kernel where the model's answers depend on it: the same release answers
 * differently under another .config. Only what was read in a distribution's config file is here; a platform that
 * names none gets {@link #UPSTREAM}, the Kconfig defaults.
 *
 * @param name               as written in {@code distro "debian-13"}
 * @param memhpDefaultState  the boot default of /sys/devices/system/memory/auto_online_blocks, in
 *                           mm/memory_hotplug.c's words ("offline", "online"): CONFIG_MEMORY_HOTPLUG_DEFAULT_ONLINE
 *                           (until 6.13) or the CONFIG_MHP_DEFAULT_ONLINE_TYPE_* choice (6.14, in Debian's 6.12);
 *                           the {@code memhp_default_state=} parameter overrides it
 * @param source             where the configuration was read
 */
public record Distro(String name, String memhpDefaultState, String source) {

    /** mm/Kconfig: MEMORY_HOTPLUG_DEFAULT_ONLINE defaults to n, MHP_DEFAULT_ONLINE_TYPE to OFFLINE. */
    public static final Distro UPSTREAM = new Distro("upstream", "offline", "mm/Kconfig defaults");

    private static final List<Distro> KNOWN = List.of(UPSTREAM,
            new Distro("debian-12", "offline",
                    "Debian 12 /boot/config-6.1.0-57-amd64: # CONFIG_MEMORY_HOTPLUG_DEFAULT_ONLINE is not set"),
            new Distro("debian-13", "online",
                    "Debian 13 /boot/config-6.12.117+deb13-amd64: CONFIG_MHP_DEFAULT_ONLINE_TYPE_ONLINE_AUTO=y"));

    public static Optional<Distro> lookup(String name) {
        return KNOWN.stream().filter(d -> d.name.equals(name)).findFirst();
    }

    public static List<Distro> known() {
        return KNOWN;
    }
}
