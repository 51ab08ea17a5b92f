package org.pmdl.dsl.lang;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.emf.ecore.EObject;
import org.pmdl.dsl.pmdl.Device;
import org.pmdl.dsl.pmdl.Lpar;
import org.pmdl.dsl.pmdl.Platform;
import org.pmdl.dsl.pmdl.PlatformMember;
import org.pmdl.dsl.pmdl.RegionOwner;

/**
 * A platform seen through {@code extends}: attributes are looked up nearest first, and a device declared again
 * under the same name replaces the inherited one in place. Cycles are cut (and reported by the validator).
 */
public final class PlatformHierarchy {
    private PlatformHierarchy() {
    }

    /** The platform, its base, the base's base, ...; stops before a platform seen already or unresolved. */
    public static List<Platform> chain(Platform platform) {
        Set<Platform> seen = new LinkedHashSet<>();
        for (Platform p = platform; p != null && !p.eIsProxy() && seen.add(p); p = p.getBase()) {
            // collecting
        }
        return new ArrayList<>(seen);
    }

    public static boolean extendsItself(Platform platform) {
        Set<Platform> seen = new LinkedHashSet<>();
        for (Platform p = platform; p != null && !p.eIsProxy(); p = p.getBase()) {
            if (!seen.add(p)) {
                return true;
            }
        }
        return false;
    }

    /** The nearest declaration of an attribute kind (arch, kernel, ...). */
    public static <T extends PlatformMember> Optional<T> attribute(Platform platform, Class<T> kind) {
        for (Platform p : chain(platform)) {
            for (PlatformMember member : p.getMembers()) {
                if (kind.isInstance(member)) {
                    return Optional.of(kind.cast(member));
                }
            }
        }
        return Optional.empty();
    }

    /** Devices after inheritance, in declaration order: base devices first, overrides keep the base's place. */
    public static List<Device> devices(Platform platform) {
        List<Platform> chain = chain(platform);
        Map<String, Device> byName = new LinkedHashMap<>();
        List<Device> unnamed = new ArrayList<>();
        for (int i = chain.size() - 1; i >= 0; i--) {
            for (PlatformMember member : chain.get(i).getMembers()) {
                if (member instanceof Lpar lpar) {
                    unnamed.removeIf(Lpar.class::isInstance);
                    unnamed.add(lpar);
                } else if (member instanceof Device device) {
                    String name = Names.nameOf(device);
                    if (name != null) {
                        byName.put(name, device);
                    }
                }
            }
        }
        List<Device> devices = new ArrayList<>(byName.values());
        devices.addAll(unnamed);
        return devices;
    }

    public static <T extends EObject> List<T> devices(Platform platform, Class<T> kind) {
        return devices(platform).stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** Devices that register exactly one region, in the order the kernel numbers them (region0, region1, ...). */
    public static List<RegionOwner> regionOwners(Platform platform) {
        return devices(platform, RegionOwner.class);
    }

    /** {@code namespace<N>.0}: the kernel's name for the first namespace of the N-th region. */
    public static String implicitNamespaceName(int regionIndex) {
        return "namespace" + regionIndex + ".0";
    }
}
