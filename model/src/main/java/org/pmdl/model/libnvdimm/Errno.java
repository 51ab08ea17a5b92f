package org.pmdl.model.libnvdimm;

import java.util.Map;

/** The Linux errno values the model produces, with their numbers and strerror() texts. */
final class Errno {
    private Errno() {
    }

    static final String EINVAL = "EINVAL";
    static final String ENXIO = "ENXIO";
    static final String ENOSPC = "ENOSPC";
    static final String EBUSY = "EBUSY";
    static final String ENODEV = "ENODEV";
    static final String EOPNOTSUPP = "EOPNOTSUPP";

    private record Info(int number, String text) {
    }

    private static final Map<String, Info> INFO = Map.of(
            EINVAL, new Info(22, "Invalid argument"),
            ENXIO, new Info(6, "No such device or address"),
            ENOSPC, new Info(28, "No space left on device"),
            EBUSY, new Info(16, "Device or resource busy"),
            ENODEV, new Info(19, "No such device"),
            EOPNOTSUPP, new Info(95, "Operation not supported"));

    static int number(String errno) {
        return INFO.get(errno).number();
    }

    static String strerror(String errno) {
        return INFO.get(errno).text();
    }
}
