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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Boots a Debian kernel (x86_64) of one release under QEMU TCG with a machine's NVDIMMs and runs a stage script in
 * it: Linux 6.1 is Debian 12's linux-image-amd64 in /boot, 6.12 Debian 13's, unpacked by scripts/fetch-kernel. The
 * ELF vmlinux is booted through PVH with the qboot firmware (no in-guest decompression, no BIOS: ~6 s a boot on
 * TCG); the initramfs (busybox, ndctl, nvdimm modules) is built once per kernel into a cache directory by
 * prepare-x86.sh, and each boot appends a one-file cpio holding {@code /pmdl/stage.sh}.
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

    private final String kernelVersion;
    private final Path cache;
    private final Path work;
    private int boots;

    private QemuRunner(String kernelVersion, Path cache, Path work) {
        this.kernelVersion = kernelVersion;
        this.cache = cache;
        this.work = work;
    }

    /** Finds release's kernel and the tools, and builds the cached vmlinux + initramfs when missing. */
    static QemuRunner open(String release) throws Unavailable, IOException {
        Kernel kernel = debianKernel(release);
        String version = kernel.version();
        for (String[] tool : new String[][] {{"qemu-system-x86_64", "qemu-system-x86"}, {"ndctl", "ndctl"},
                {"busybox", "busybox-static"}, {"cpio", "cpio"}, {"depmod", "kmod"}, {"xz", "xz-utils"},
                {"readelf", "binutils"}}) {
            if (!onPath(tool[0])) {
                throw new Unavailable(tool[0] + " is not installed (Debian package " + tool[1] + ")");
            }
        }
        String home = System.getenv().getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache");
        Path cache = Path.of(System.getenv().getOrDefault("PMDL_KERNEL_CACHE", home + "/pmdl/kernel"))
                .resolve(version + "-" + Integer.toHexString(resourcesHash()));
        if (!Files.exists(cache.resolve("vmlinux")) || !Files.exists(cache.resolve("initramfs.cpio"))) {
            prepare(kernel, cache);
            try (Stream<Path> older = Files.list(cache.getParent())) { // built by other versions of these scripts
                for (Path p : older.filter(p -> !p.equals(cache) && p.getFileName().toString().startsWith(version + "-"))
                        .toList()) {
                    deleteTree(p);
                }
            }
        }
        return new QemuRunner(version, cache, Files.createTempDirectory("pmdl-diff"));
    }

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

    private static int resourcesHash() throws IOException {
        int hash = 1;
        for (String name : new String[] {"prepare-x86.sh", "guest-init.sh", "guest-lib.sh"}) {
            hash = 31 * hash + new String(KernelCommands.resource(name), StandardCharsets.UTF_8).hashCode();
        }
        return hash;
    }

    private static void prepare(Kernel kernel, Path cache) throws IOException, Unavailable {
        Path scripts = Files.createTempDirectory("pmdl-prepare");
        try {
            for (String name : new String[] {"prepare-x86.sh", "guest-init.sh", "guest-lib.sh"}) {
                Files.write(scripts.resolve(name), KernelCommands.resource(name));
            }
            Files.createDirectories(cache);
            Process p = new ProcessBuilder("bash", scripts.resolve("prepare-x86.sh").toString(), kernel.version(),
                    cache.toString(), kernel.root().equals(Path.of("/")) ? "" : kernel.root().toString())
                    .redirectErrorStream(true).start();
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

    /** Fresh, sparse backing files for a machine's DIMMs (zeroed media, as QEMU's label areas start). */
    Map<QemuMachine.Dimm, Path> media(QemuMachine machine) throws IOException {
        Map<QemuMachine.Dimm, Path> files = new HashMap<>();
        Path dir = Files.createTempDirectory(work, "media");
        for (QemuMachine.Dimm d : machine.dimms()) {
            Path file = dir.resolve(d.id() + ".img");
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(d.size());
            }
            files.put(d, file);
        }
        return files;
    }

    /** One boot: the machine with these media runs the stage script; returns the console. */
    String boot(QemuMachine machine, Map<QemuMachine.Dimm, Path> media, String stage) throws IOException {
        boots++;
        Path initrd = work.resolve("initrd-" + boots + ".cpio");
        Files.copy(cache.resolve("initramfs.cpio"), initrd);
        Files.write(initrd, Cpio.archive(Map.of("pmdl/stage.sh", stage.getBytes(StandardCharsets.UTF_8))),
                java.nio.file.StandardOpenOption.APPEND);
        List<String> cmd = new ArrayList<>(List.of("qemu-system-x86_64", "-accel", "tcg", "-cpu", "max", "-smp", "1"));
        if (Files.exists(QBOOT)) {
            cmd.addAll(List.of("-bios", QBOOT.toString()));
        }
        cmd.addAll(List.of("-kernel", cache.resolve("vmlinux").toString(), "-initrd", initrd.toString(),
                "-append", "console=ttyS0 quiet panic=-1 mitigations=off tsc=reliable",
                "-nographic", "-no-reboot", "-net", "none"));
        cmd.addAll(machine.args(d -> media.get(d).toString()));
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

    /** Deletes the boots' files, unless PMDL_DIFF_KEEP is set: then their consoles stay for reading. */
    @Override
    public void close() throws IOException {
        if (System.getenv("PMDL_DIFF_KEEP") != null) {
            System.err.println("pmdl diff: consoles kept in " + work);
            return;
        }
        deleteTree(work);
    }

    private static void deleteTree(Path root) throws IOException {
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
