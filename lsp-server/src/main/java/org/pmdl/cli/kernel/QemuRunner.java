package org.pmdl.cli.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.pmdl.model.topology.Arch;

/**
 * Boots a real kernel under QEMU TCG with a machine's NVDIMMs and runs a stage script in it. x86_64: a Debian
 * kernel of the scenario's release (6.1 is Debian 12's linux-image-amd64 in /boot, 6.12 Debian 13's, unpacked by
 * scripts/fetch-kernel), its ELF vmlinux booted through PVH with the qboot firmware (no in-guest decompression, no
 * BIOS: ~6 s a boot on TCG), the initramfs (busybox, ndctl, nvdimm modules) built by prepare-x86.sh. ppc64: the
 * pseries kernel of {@code shared/kernels/ppc64le/} for the scenario's kernel profile (libnvdimm and papr_scm built
 * in) on {@code -machine pseries} with QEMU's VOF firmware (~4 s a boot), the initramfs (Debian ppc64el busybox,
 * ndctl, daxctl, kexec) built by prepare-ppc64.sh. Both are built once per kernel into a cache directory; each
 * boot appends a one-file cpio holding {@code /pmdl/stage.sh}.
 */
final class QemuRunner implements AutoCloseable {
    private static final Path QBOOT = Path.of("/usr/share/qemu/qboot.rom");
    private static final long BOOT_TIMEOUT_SECONDS = 600;

    /** Something the harness needs is not installed; the message names the Debian package. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /** A kernel build: its uname -r, and the root its linux-image package is unpacked in ("/" when installed). */
    record Kernel(String version, Path root) {
    }


    private final Arch arch;
    private final String kernelVersion;
    private final Path cache;
    private final Path work;
    private int boots;

    private QemuRunner(Arch arch, String kernelVersion, Path cache, Path work) {
        this.arch = arch;
        this.kernelVersion = kernelVersion;
        this.cache = cache;
        this.work = work;
    }

    /**
     * Finds the kernel and tools for guests of {@code arch} that behave as kernel profile {@code profile}, and
     * builds the cached vmlinux + initramfs when missing.
     */
    static QemuRunner open(Arch arch, String profile) throws Unavailable, IOException {
        if (arch == Arch.PPC64) {
            return openPseries(profile);
        }
        Kernel kernel = debianKernel(profile);
        String version = kernel.version();
        for (String[] tool : new String[][] {{"qemu-system-x86_64", "qemu-system-x86"}, {"ndctl", "ndctl"},
                {"busybox", "busybox-static"}, {"cpio", "cpio"}, {"depmod", "kmod"}, {"xz", "xz-utils"},
                {"readelf", "binutils"}}) {
            requireTool(tool[0], tool[1]);
        }
        Path cache = cached(version, X86_SCRIPTS, List.of("bash", "prepare-x86.sh", version,
                kernel.root().equals(Path.of("/")) ? "" : kernel.root().toString()));
        return new QemuRunner(Arch.X86_64, version, cache, Files.createTempDirectory("pmdl-diff"));
    }

    /**
     * The pseries kernel of profile {@code profile}: {@code vmlinux-PROFILE.*.xz} in {@link #ppcKernels()}, with
     * the userland scripts/setup-ppc64-guest unpacked ({@code PMDL_PPC64_ROOT}, else {@code .tools/ppc64el/root}
     * above the working directory).
     */
    private static QemuRunner openPseries(String profile) throws Unavailable, IOException {
        for (String[] tool : new String[][] {{"qemu-system-ppc64", "qemu-system-ppc"}, {"cpio", "cpio"},
                {"depmod", "kmod"}, {"xz", "xz-utils"}, {"readelf", "binutils"}}) {
            requireTool(tool[0], tool[1]);
        }
        Path kernels = ppcKernels();
        Path xz = pseriesKernel(profile).orElseThrow(() -> new Unavailable("no ppc64le kernel for profile " + profile
                + " in " + kernels));
        String release = xz.getFileName().toString().substring("vmlinux-".length()).replaceFirst("-.*", "");
        // the first kernel's files have plain names, later ones carry their release (shared/kernels/ppc64le/README)
        String suffix = Files.exists(kernels.resolve("modules.builtin-" + release)) ? "-" + release : "";
        Path userland = ppc64Userland();
        Path cache = cached("ppc64-" + release, PPC_SCRIPTS, List.of("bash", "prepare-ppc64.sh", xz.toString(),
                kernels.resolve("modules.builtin" + suffix).toString(),
                kernels.resolve("modules.builtin.modinfo" + suffix).toString(), userland.toString()));
        return new QemuRunner(Arch.PPC64, release + " (pseries)", cache, Files.createTempDirectory("pmdl-diff"));
    }

    /**
     * The pseries guests' Debian ppc64el userland (busybox, ndctl, daxctl, kexec) that scripts/setup-ppc64-guest
     * unpacks: {@code PMDL_PPC64_ROOT}, else {@code .tools/ppc64el/root} above the working directory.
     */
    static Path ppc64Userland() throws Unavailable {
        Path userland = Optional.ofNullable(System.getenv("PMDL_PPC64_ROOT")).map(Path::of)
                .orElseGet(() -> above(Path.of(".tools/ppc64el/root")));
        if (userland == null || !Files.isExecutable(userland.resolve("usr/bin/ndctl"))) {
            throw new Unavailable("no ppc64el ndctl for the pseries guest (run scripts/setup-ppc64-guest, or set"
                    + " PMDL_PPC64_ROOT)");
        }
        return userland;
    }

    /** Why no pseries kernel behaves as {@code profile}, or null when shared/kernels/ppc64le has one. */
    static String pseriesKernelMissing(String profile) {
        try {
            return pseriesKernel(profile).isPresent() ? null
                    : "shared/kernels/ppc64le has no pseries kernel of that release";
        } catch (Unavailable | IOException e) {
            return null; // opening the harness says what is missing
        }
    }

    /** The newest {@code vmlinux-PROFILE.N….xz} in {@link #ppcKernels()}. */
    static Optional<Path> pseriesKernel(String profile) throws Unavailable, IOException {
        try (Stream<Path> files = Files.list(ppcKernels())) {
            return files.filter(p -> p.getFileName().toString().matches("vmlinux-" + java.util.regex.Pattern.quote(
                    profile) + "\\.\\d+.*\\.xz")).sorted().reduce((a, b) -> b);
        }
    }

    /** PMDL_PPC_KERNELS, else {@code shared/kernels/ppc64le} in the working directory or one above it. */
    static Path ppcKernels() throws Unavailable {
        String dir = System.getenv("PMDL_PPC_KERNELS");
        Path found = dir != null ? Path.of(dir) : above(Path.of("shared/kernels/ppc64le"));
        if (found == null || !Files.isDirectory(found)) {
            throw new Unavailable("no pseries kernels: shared/kernels/ppc64le is not beside the working directory"
                    + " (or set PMDL_PPC_KERNELS)");
        }
        return found;
    }

    /** {@code relative} resolved against the working directory or the nearest of its parents that has it. */
    private static Path above(Path relative) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(relative))) {
                return d.resolve(relative);
            }
        }
        return null;
    }

    private static void requireTool(String tool, String debianPackage) throws Unavailable {
        if (!onPath(tool)) {
            throw new Unavailable(tool + " is not installed (Debian package " + debianPackage + ")");
        }
    }

    /**
     * The cache directory of kernel {@code key} built by these scripts: {@code command} (a script among
     * {@code scripts}, then its arguments) runs with the cache directory as its last argument when it is missing.
     */
    private static Path cached(String key, List<String> scripts, List<String> command) throws IOException,
            Unavailable {
        String home = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache");
        Path cache = Path.of(System.getenv().getOrDefault("PMDL_KERNEL_CACHE", home + "/pmdl/kernel"))
                .resolve(key + "-" + Integer.toHexString(resourcesHash(scripts)));
        if (!Files.exists(cache.resolve("vmlinux")) || !Files.exists(cache.resolve("initramfs.cpio"))) {
            prepare(scripts, command, cache);
            try (Stream<Path> older = Files.list(cache.getParent())) { // built by other versions of these scripts
                for (Path p : older.filter(p -> !p.equals(cache) && p.getFileName().toString().startsWith(key + "-"))
                        .toList()) {
                    deleteTree(p);
                }
            }
        }
        return cache;
    }

    private static final List<String> X86_SCRIPTS = List.of("prepare-x86.sh", "guest-init.sh", "guest-lib.sh");
    private static final List<String> PPC_SCRIPTS = List.of("prepare-ppc64.sh", "guest-init.sh", "guest-lib.sh");

    /** The releases the harness can boot, with where their kernel comes from. */
    static final Map<String, String> RELEASES = Map.of(
            "6.1", "Debian 12's linux-image-amd64 in /boot",
            "6.12", "Debian 13's linux-image-6.12.*-amd64, unpacked by scripts/fetch-kernel");

    /**
     * Where scripts/fetch-kernel unpacks linux-image packages, one directory each: PMDL_KERNEL_ROOTS, else
     * ~/.cache/pmdl/roots.
     */
    static Path roots() {
        String home = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache");
        return Path.of(System.getenv().getOrDefault("PMDL_KERNEL_ROOTS", home + "/pmdl/roots"));
    }

    /**
     * PMDL_KERNEL_VERSION when it is a build of the release, else the newest Debian amd64 build of the release
     * (6.1.0-56-amd64, 6.12.117+deb13-amd64) installed in /boot or unpacked under {@link #roots()}.
     */
    static Kernel debianKernel(String release) throws Unavailable, IOException {
        List<Path> places = new ArrayList<>(List.of(Path.of("/")));
        if (Files.isDirectory(roots())) {
            try (Stream<Path> unpacked = Files.list(roots())) {
                unpacked.sorted().forEach(places::add);
            }
        }
        String wanted = System.getenv("PMDL_KERNEL_VERSION");
        List<Kernel> found = new ArrayList<>();
        for (Path root : places) {
            Path boot = root.resolve("boot");
            if (!Files.isDirectory(boot)) {
                continue;
            }
            try (Stream<Path> images = Files.list(boot)) {
                images.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith("vmlinuz-" + release + ".") && n.endsWith("-amd64"))
                        .map(n -> n.substring("vmlinuz-".length()))
                        .filter(v -> wanted == null || !wanted.startsWith(release + ".") || v.equals(wanted))
                        .forEach(v -> found.add(new Kernel(v, root)));
            }
        }
        return found.stream().max(Comparator.comparing(k -> abi(k.version())))
                .orElseThrow(() -> new Unavailable(wanted != null && wanted.startsWith(release + ".")
                        ? "kernel " + wanted + " is neither in /boot nor under " + roots()
                        : "no Linux " + release + " amd64 kernel (" + RELEASES.getOrDefault(release,
                                "the harness boots " + String.join(" and ", RELEASES.keySet())) + ")"));
    }

    /** Debian's ABI number (6.1.0-56-amd64 → 56), else the stable point (6.12.117+deb13-amd64 → 117). */
    private static int abi(String version) {
        String[] parts = version.split("-");
        if (parts.length > 1 && parts[1].matches("\\d+")) {
            return Integer.parseInt(parts[1]);
        }
        String[] numbers = parts[0].split("[.+]");
        return numbers.length > 2 && numbers[2].matches("\\d+") ? Integer.parseInt(numbers[2]) : 0;
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"), new String[] {
                "/usr/sbin", "/sbin"}).flatMap(Stream::of).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    private static int resourcesHash(List<String> scripts) throws IOException {
        int hash = 1;
        for (String name : scripts) {
            hash = 31 * hash + new String(KernelCommands.resource(name), StandardCharsets.UTF_8).hashCode();
        }
        return hash;
    }

    private static void prepare(List<String> names, List<String> command, Path cache) throws IOException,
            Unavailable {
        Path scripts = Files.createTempDirectory("pmdl-prepare");
        try {
            for (String name : names) {
                Files.write(scripts.resolve(name), KernelCommands.resource(name));
            }
            Files.createDirectories(cache);
            List<String> cmd = new ArrayList<>(command);
            cmd.set(1, scripts.resolve(cmd.get(1)).toString());
            cmd.add(cache.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new Unavailable("building the guest initramfs failed:\n" + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            deleteTree(scripts);
        }
    }

    String kernelVersion() {
        return kernelVersion;
    }

    int boots() {
        return boots;
    }

    /**
     * Fresh, sparse backing files for a machine's DIMMs (zeroed media, as QEMU's label areas start), by DIMM name:
     * a {@code reboot into} another platform boots its machine on the same files.
     */
    Map<String, Path> media(QemuMachine machine) throws IOException {
        Map<String, Path> files = new HashMap<>();
        Path dir = Files.createTempDirectory(work, "media");
        for (QemuMachine.Dimm d : machine.dimms()) {
            Path file = dir.resolve(d.id() + ".img");
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(d.size());
            }
            files.put(d.id(), file);
        }
        return files;
    }

    /**
     * One boot: the machine with these media runs the first stage script, and each next one after the previous
     * kexec'd into it (the kernel and an initrd for the next stage travel in this stage's cpio); returns the
     * console.
     */
    String boot(QemuMachine machine, Map<String, Path> media, List<String> stages) throws IOException {
        boots++;
        Path initrd = work.resolve("initrd-" + boots + ".cpio");
        Files.copy(cache.resolve("initramfs.cpio"), initrd);
        Files.write(initrd, stageArchive(stages), java.nio.file.StandardOpenOption.APPEND);
        List<String> cmd = new ArrayList<>();
        List<String> devices = machine.args(d -> media.get(d.id()).toString());
        if (arch == Arch.X86_64) {
            cmd.addAll(List.of("qemu-system-x86_64", "-accel", "tcg", "-cpu", "max", "-smp", "1"));
            if (Files.exists(QBOOT)) {
                cmd.addAll(List.of("-bios", QBOOT.toString()));
            }
            cmd.addAll(List.of("-kernel", cache.resolve("vmlinux").toString(), "-initrd", initrd.toString(),
                    "-append", "console=ttyS0 quiet panic=-1 mitigations=off tsc=reliable",
                    "-nographic", "-no-reboot", "-net", "none"));
        } else {
            // VOF instead of SLOF (seconds faster); the Spectre-class caps TCG cannot provide are declared broken
            int m = devices.indexOf("-machine") + 1;
            devices.set(m, devices.get(m) + ",x-vof=on,cap-ccf-assist=off,cap-cfpc=broken,cap-sbbc=broken,cap-ibs=broken");
            cmd.addAll(List.of("qemu-system-ppc64", "-accel", "tcg", "-cpu", "power9", "-smp", "1",
                    "-kernel", cache.resolve("vmlinux").toString(), "-initrd", initrd.toString(),
                    "-append", ("console=hvc0 quiet panic=-1 " + String.join(" ", machine.kernelArgs())).trim(),
                    "-nographic", "-no-reboot", "-net", "none", "-vga", "none"));
        }
        cmd.addAll(devices);
        Path console = work.resolve("console-" + boots + ".txt");
        Process qemu = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(console.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        try {
            if (!qemu.waitFor(BOOT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                qemu.destroyForcibly();
                throw new IOException("QEMU did not power off within " + BOOT_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            qemu.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            Files.deleteIfExists(initrd);
        }
        return Files.readString(console, StandardCharsets.ISO_8859_1);
    }

    /** The cpio of {@code stages.get(0)}: its script and, when a stage follows, the kernel and initrd it kexecs. */
    private byte[] stageArchive(List<String> stages) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("pmdl/stage.sh", stages.get(0).getBytes(StandardCharsets.UTF_8));
        if (stages.size() > 1) {
            files.put("pmdl/vmlinux", Files.readAllBytes(cache.resolve("vmlinux")));
            ByteArrayOutputStream next = new ByteArrayOutputStream();
            next.writeBytes(Files.readAllBytes(cache.resolve("initramfs.cpio")));
            next.writeBytes(stageArchive(stages.subList(1, stages.size())));
            files.put("pmdl/next.cpio", next.toByteArray());
        }
        return Cpio.archive(files);
    }

    /** Deletes the boots' files, unless PMDL_DIFF_KEEP is set: then their consoles stay for reading. */
    @Override
    public void close() throws IOException {
        if (System.getenv("PMDL_DIFF_KEEP") != null) {
            System.err.println("pmdl diff: consoles kept in " + work);
            return;
        }
        deleteTree(work);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The newc cpio format the kernel unpacks from an initrd (Documentation/driver-api/early-userspace). */
    static final class Cpio {
        private Cpio() {
        }

        static byte[] archive(Map<String, byte[]> files) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int ino = 1;
            for (String dir : files.keySet().stream().filter(n -> n.contains("/"))
                    .map(n -> n.substring(0, n.lastIndexOf('/'))).distinct().toList()) {
                entry(out, dir, 040755, new byte[0], ino++);
            }
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                entry(out, f.getKey(), 0100755, f.getValue(), ino++);
            }
            entry(out, "TRAILER!!!", 0, new byte[0], 0);
            return out.toByteArray();
        }

        private static void entry(ByteArrayOutputStream out, String name, int mode, byte[] data, int ino) {
            byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.US_ASCII);
            int[] fields = {ino, mode, 0, 0, 1, 0, data.length, 0, 0, 0, 0, nameBytes.length, 0};
            StringBuilder header = new StringBuilder("070701");
            for (int f : fields) {
                header.append(String.format("%08x", f));
            }
            out.writeBytes(header.toString().getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(nameBytes);
            pad(out);
            out.writeBytes(data);
            pad(out);
        }

        private static void pad(ByteArrayOutputStream out) {
            while (out.size() % 4 != 0) {
                out.write(0);
            }
        }
    }
}
