package org.pmdl.cli.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pmdl.model.topology.Arch;

/**
 * {@code pmdl import qemu "ARGS"}: the NVDIMMs of a QEMU command line as a PMDL platform. Reads {@code -machine}
 * (pc/q35 with {@code nvdimm=on}, {@code nvdimm-persistence=}; pseries), {@code -object memory-backend-*} sizes and
 * {@code -device nvdimm|spapr-nvdimm} ({@code memdev}, {@code label-size}, {@code unarmed}), and lays the DIMMs
 * out as QEMU does ({@link QemuMachine}). Everything else on the line is ignored.
 */
final class QemuImport {
    /** An id that export qemu made from a name: NAME-K (NfitOrder.ids). */
    private static final Pattern EXPORT_SUFFIX = Pattern.compile("(.+)-(\\d+)");

    /** A command line that does not describe NVDIMMs QEMU would start with; the message says which part. */
    static final class BadArgs extends Exception {
        BadArgs(String message) {
            super(message);
        }
    }

    private QemuImport() {
    }

    static QemuMachine parse(String commandLine) throws BadArgs {
        List<String> words = split(commandLine);
        Arch arch = null;
        String persistence = null;
        Map<String, Long> backendSizes = new HashMap<>();
        List<Map<String, String>> devices = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String option = words.get(i).replaceFirst("^--", "-");
            if (!List.of("-machine", "-M", "-object", "-device", "-m").contains(option)) {
                continue;
            }
            if (i + 1 >= words.size()) {
                throw new BadArgs(option + " needs a value");
            }
            String value = words.get(++i);
            Map<String, String> props = properties(value);
            switch (option) {
                case "-m" -> {
                    String ram = props.containsKey("size") ? props.get("size") : props.getOrDefault("type", "");
                    if (bytes(ram.matches("\\d+") ? ram + "M" : ram) > QemuMachine.BOOT_RAM) {
                        throw new BadArgs("-m " + value + ": with more than 2G of RAM, QEMU puts RAM above 4G and"
                                + " the NVDIMMs after it; write that platform by hand");
                    }
                }
                case "-machine", "-M" -> {
                    String type = props.getOrDefault("type", "");
                    if (type.startsWith("pseries")) {
                        arch = Arch.PPC64;
                    } else if (type.startsWith("pc") || type.startsWith("q35")) {
                        arch = Arch.X86_64;
                        if (!"on".equals(props.get("nvdimm"))) {
                            throw new BadArgs("-machine " + value + ": NVDIMMs need nvdimm=on");
                        }
                        persistence = props.get("nvdimm-persistence");
                        if (persistence != null && !List.of("cpu", "mem-ctrl").contains(persistence)) {
                            throw new BadArgs("nvdimm-persistence=" + persistence + ": QEMU knows cpu and mem-ctrl");
                        }
                    } else {
                        throw new BadArgs("-machine " + value + ": not an x86 pc/q35 or a pseries machine");
                    }
                }
                case "-object" -> {
                    if (props.getOrDefault("type", "").startsWith("memory-backend-")) {
                        backendSizes.put(required(props, "id", value), bytes(required(props, "size", value)));
                    }
                }
                default -> {
                    String type = props.getOrDefault("type", "");
                    if (type.equals("nvdimm") || type.equals("spapr-nvdimm")) {
                        props.put("arg", value);
                        devices.add(props);
                    }
                }
            }
        }
        if (arch == null) {
            throw new BadArgs("no -machine pc,nvdimm=on (x86) or -machine pseries on the command line");
        }
        List<String> ids = new ArrayList<>();
        for (Map<String, String> dev : devices) {
            ids.add(dev.getOrDefault("id", "nmem" + ids.size()));
        }
        List<QemuMachine.Dimm> dimms = new ArrayList<>();
        long next = QemuMachine.DEVICE_MEMORY_BASE;
        for (Map<String, String> dev : devices) {
            String arg = dev.get("arg");
            if (dev.get("type").equals("spapr-nvdimm") != (arch == Arch.PPC64)) {
                throw new BadArgs("-device " + arg + " does not belong on this machine");
            }
            String memdev = required(dev, "memdev", arg);
            Long size = backendSizes.get(memdev);
            if (size == null) {
                throw new BadArgs("-device " + arg + ": no -object memory-backend with id=" + memdev);
            }
            long label = dev.containsKey("label-size") ? bytes(dev.get("label-size")) : 0;
            String id = ids.get(dimms.size());
            QemuMachine.Dimm dimm = new QemuMachine.Dimm(pmdlName(id, ids), id, size, label, "on".equals(dev.get("unarmed")),
                    arch == Arch.X86_64 ? next : 0);
            dimms.add(dimm);
            next = QemuMachine.align(next + dimm.regionSize(arch), 4096);
        }
        if (dimms.isEmpty()) {
            throw new BadArgs("no -device nvdimm or spapr-nvdimm on the command line");
        }
        return new QemuMachine(arch, persistence, dimms);
    }

    /**
     * The platform a QEMU machine gives the kernel, as x86 PMDL text: an nvdimm per DIMM in command-line order,
     * then its regions in NFIT order, which is the order the kernel and PMDL number them in.
     */
    static PlatformText platform(QemuMachine machine, String name, String origin) throws BadArgs {
        if (machine.arch() != Arch.X86_64) {
            throw new BadArgs("importing a pseries machine needs its SCM DRC indices, which QEMU assigns at run"
                    + " time: import the guest's ndctl list instead");
        }
        List<PlatformText.Dimm> dimms = new ArrayList<>();
        List<PlatformText.Region> regions = new ArrayList<>();
        for (QemuMachine.Dimm d : machine.dimms()) {
            dimms.add(new PlatformText.Dimm(d.id(), d.size(), d.labelSize()));
        }
        if (machine.dimms().size() > NfitOrder.MAX_DIMMS) {
            throw new BadArgs("the kernel's region order for more than " + NfitOrder.MAX_DIMMS
                    + " QEMU NVDIMMs is not predicted");
        }
        for (String id : NfitOrder.of(machine.dimms().stream().map(QemuMachine.Dimm::qemuId).toList())) {
            QemuMachine.Dimm d = machine.dimms().stream().filter(x -> x.qemuId().equals(id)).findFirst().orElseThrow();
            regions.add(new PlatformText.Region("region" + regions.size(), d.spa(), d.id(), 0,
                    d.regionSize(machine.arch()), d.unarmed()));
        }
        String persistence = machine.persistence() == null ? null
                : machine.persistence().equals("cpu") ? "cpu_cache" : "memory_controller";
        return new PlatformText(name, "x86_64", persistence, dimms, regions, origin);
    }

    /**
     * The PMDL name of a DIMM with QEMU id {@code id}: {@code export qemu} gives a DIMM its name as id, or NAME-K
     * when the NFIT order needs another id (NfitOrder), so NAME-K reads back as NAME, unless another device's id
     * is NAME or also ends in a -K after NAME (then the ids stay as they are).
     */
    static String pmdlName(String id, List<String> ids) {
        Matcher suffixed = EXPORT_SUFFIX.matcher(id);
        if (!suffixed.matches()) {
            return id;
        }
        String name = suffixed.group(1);
        long sameName = ids.stream().filter(other -> EXPORT_SUFFIX.matcher(other).replaceFirst("$1").equals(name))
                .count();
        return sameName == 1 ? name : id;
    }

    /** QEMU's option syntax: {@code type,key=value,...}; a leading bare word is the type (or driver). */
    private static Map<String, String> properties(String value) {
        Map<String, String> props = new LinkedHashMap<>();
        String[] parts = value.split(",");
        for (int i = 0; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq < 0 && i == 0) {
                props.put("type", parts[i]);
            } else if (eq > 0) {
                String key = parts[i].substring(0, eq);
                props.put(key.equals("driver") || key.equals("qom-type") ? "type" : key, parts[i].substring(eq + 1));
            }
        }
        return props;
    }

    private static String required(Map<String, String> props, String key, String arg) throws BadArgs {
        String value = props.get(key);
        if (value == null || value.isEmpty()) {
            throw new BadArgs("'" + arg + "' has no " + key + "=");
        }
        return value;
    }

    /** QEMU sizes: bytes or a K/M/G/T suffix (binary), optionally followed by B. */
    static long bytes(String text) throws BadArgs {
        String t = text.trim().toUpperCase(Locale.ROOT).replaceFirst("B$", "");
        long unit = 1;
        int shift = "KMGT".indexOf(t.isEmpty() ? '?' : t.charAt(t.length() - 1));
        if (shift >= 0) {
            unit = 1L << (10 * (shift + 1));
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadArgs("'" + text + "' is not a size");
        }
    }

    /** Shell-like words: blanks separate, single and double quotes group, a backslash escapes. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
