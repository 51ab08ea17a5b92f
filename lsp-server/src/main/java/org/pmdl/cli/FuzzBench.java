package org.pmdl.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code pmdl bench fuzz [--cases N] [--seconds S] [--seed S] [DIR...]}: random hostile input against the CLI as a
 * real process. Each case is one of the *.pmdl files under DIR (default {@code examples}) mutated with the grammar
 * in mind — a token deleted, duplicated or swapped in from elsewhere, deep parentheses, a long sum, a huge number,
 * odd bytes (NUL, controls, invalid UTF-8, a BOM), a bad import, a cut — and written into its own directory; a
 * batch of them goes to one {@code pmdl} process with a random command (check, run, fmt --check, SARIF, JSON,
 * every file or one). Each process must exit 0, 1 or 2 within its time, print no stack trace, exception or
 * "internal error", and write nothing. A failure names the seed and the cases to replay and keeps the files.
 * Exit status 1 if any process failed.
 */
final class FuzzBench {
    private static final String USAGE = "usage: pmdl bench fuzz [--cases N] [--seconds S] [--seed S] [DIR...]";
    /** Cases per process: a JVM start costs more than checking a file, and one file must not cost the others. */
    private static final int BATCH = 8;
    /** Longer than any bounded exploration (30 s per expectation) could make a batch take: beyond it is a hang. */
    private static final long PROCESS_TIMEOUT_SECONDS = 240;
    private static final Pattern TOKEN = Pattern.compile("\"[^\"\\n]*\"|//[^\\n]*|[A-Za-z_][\\w.\\-]*|0x[0-9a-fA-F]+"
            + "|\\d+[KMGTP]?|==|!=|<=|>=|[^\\s\\w]");
    private static final Pattern NUMBER = Pattern.compile("\\b(0x[0-9a-fA-F]+|\\d+[KMGTP]?)\\b");
    private static final String[] HUGE = {"0xFFFFFFFFFFFFFFFFFFFF", "99999999999999999999999P", "18446744073709551616",
        "-1", "0", "9223372036854775807", "0x8000000000000000", "1P * 1P * 1P"};
    private static final String[] ODD = {"\u0000", "\u0007", "\r", "\t\t", "\uFEFF", "\u202E", "\u200B", "\uFFFD",
        "\uD83D\uDE00", "é", "\\", "\"", "/*", "*/", "{", "}", "(", ")"};
    private static final String[] IMPORTS = {"/etc/passwd", "../../../../etc/passwd", "missing.pmdl", "notes.txt",
        "classpath:/org/pmdl/x.pmdl", "main.pmdl", "other.pmdl", "sub", "", "file:///dev/zero", "/dev/null",
        "http://example.com/a.pmdl", "other.pmdl\u0000.txt"};
    private static final List<List<String>> COMMANDS = List.of(List.of("check", "."), List.of("run", "."),
        List.of("fmt", "--check", "."), List.of("check", "--format", "sarif", "."),
        List.of("run", "--format", "json", "."), List.of("run", "-v", "."), List.of("check", "--confine-imports", "."));

    private FuzzBench() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        int cases = Integer.MAX_VALUE;
        int seconds = 300;
        long seed = System.nanoTime() & Integer.MAX_VALUE;
        List<Path> dirs = new ArrayList<>();
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--cases" -> cases = CliOptions.count(args, ++i, "--cases", 1, 10_000_000);
                    case "--seconds" -> seconds = CliOptions.count(args, ++i, "--seconds", 1, 86_400);
                    case "--seed" -> seed = CliOptions.count(args, ++i, "--seed", 0, Integer.MAX_VALUE);
                    default -> {
                        if (args.get(i).startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + args.get(i));
                        }
                        dirs.add(Path.of(args.get(i)));
                    }
                }
            }
            if (dirs.isEmpty()) {
                dirs.add(Path.of("examples"));
            }
            List<String> corpus = corpus(dirs);
            return fuzz(corpus, cases, seconds, seed, out) ? Pmdl.OK : Pmdl.FINDINGS;
        } catch (IllegalArgumentException e) {
            err.println("pmdl bench fuzz: " + e.getMessage() + " (" + USAGE + ")");
            return Pmdl.USAGE;
        } catch (IOException | InterruptedException | java.net.URISyntaxException e) {
            err.println("pmdl bench fuzz: " + e);
            return Pmdl.USAGE;
        }
    }

    private static List<String> corpus(List<Path> dirs) throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("no directory " + dir + " to take the examples from");
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".pmdl") && Files.isRegularFile(f)).sorted()
                        .toList()) {
                    texts.add(Files.readString(file));
                }
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no *.pmdl files in " + dirs);
        }
        return texts;
    }

    private static boolean fuzz(List<String> corpus, int cases, int seconds, long seed, PrintStream out)
            throws IOException, InterruptedException, java.net.URISyntaxException {
        Random random = new Random(seed);
        Path root = Files.createTempDirectory("pmdl-fuzz-");
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = Path.of(FuzzBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Map<Integer, Integer> statuses = new TreeMap<>();
        Set<String> refusals = new TreeSet<>(); // why the processes that exited 2 did
        List<Long> millis = new ArrayList<>();
        int done = 0;
        int failed = 0;
        out.printf("pmdl bench fuzz: seed %d, %d example files, cases in %s%n", seed, corpus.size(), root);
        for (int batch = 0; done < cases && System.nanoTime() < deadline; batch++) {
            Path dir = Files.createDirectory(root.resolve("batch-" + batch));
            int first = done;
            for (int k = 0; k < BATCH && done < cases; k++, done++) {
                writeCase(dir.resolve("case-" + done), corpus, random);
            }
            List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-jar", jar));
            command.addAll(COMMANDS.get(random.nextInt(COMMANDS.size())));
            Map<Path, String> before = listing(dir);
            long start = System.nanoTime();
            String problem = problem(dir, command, before, statuses, refusals);
            millis.add((System.nanoTime() - start) / 1_000_000);
            if (problem == null) {
                deleteTree(dir);
            } else {
                failed++;
                out.printf("  FAILED: cases %d..%d (%s): %s%n    replay: pmdl bench fuzz --seed %d --cases %d; files"
                        + " kept in %s%n", first, done - 1, String.join(" ", command.subList(5, command.size())),
                        problem, seed, done, dir);
            }
        }
        millis.sort(null);
        out.printf("pmdl bench fuzz: seed %d: %d cases in %d processes, %d failed; exit status %s; process time"
                + " median %d ms, max %d ms%n", seed, done, millis.size(), failed, statuses,
                millis.isEmpty() ? 0 : millis.get(millis.size() / 2), millis.isEmpty() ? 0 : millis.get(millis.size() - 1));
        refusals.stream().limit(8).forEach(why -> out.println("  exit 2: " + why));
        if (failed == 0) {
            deleteTree(root);
        }
        return failed == 0;
    }

    /** One case: a mutated example as main.pmdl, with the neighbours its imports may name. */
    private static void writeCase(Path dir, List<String> corpus, Random random) throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        String text = corpus.get(random.nextInt(corpus.size()));
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            text = mutate(text, corpus, random);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(10) == 0) { // a byte no UTF-8 decoder accepts
            int at = random.nextInt(bytes.length + 1);
            byte[] odd = new byte[bytes.length + 1];
            System.arraycopy(bytes, 0, odd, 0, at);
            odd[at] = (byte) (0x80 + random.nextInt(0x80));
            System.arraycopy(bytes, at, odd, at + 1, bytes.length - at);
            bytes = odd;
        }
        Files.write(dir.resolve("main.pmdl"), bytes);
        Files.writeString(dir.resolve("other.pmdl"), corpus.get(random.nextInt(corpus.size())));
        Files.writeString(dir.resolve("notes.txt"), "not pmdl\n");
    }

    static String mutate(String text, List<String> corpus, Random random) {
        List<int[]> tokens = new ArrayList<>();
        for (Matcher m = TOKEN.matcher(text); m.find();) {
            tokens.add(new int[] {m.start(), m.end()});
        }
        if (tokens.isEmpty()) {
            return text + corpus.get(random.nextInt(corpus.size()));
        }
        int[] token = tokens.get(random.nextInt(tokens.size()));
        String word = text.substring(token[0], token[1]);
        return switch (random.nextInt(10)) {
            case 0 -> splice(text, token[0], token[1], ""); // deleted
            case 1 -> splice(text, token[1], token[1], " " + word); // duplicated
            case 2 -> { // a token from another example
                String other = corpus.get(random.nextInt(corpus.size()));
                Matcher m = TOKEN.matcher(other);
                String found = word;
                for (int skip = random.nextInt(200); m.find() && skip > 0; skip--) {
                    found = m.group();
                }
                yield splice(text, token[0], token[0], found + " ");
            }
            case 3 -> { // deep nesting around a number (or anywhere)
                int depth = 1 + random.nextInt(random.nextBoolean() ? 120 : 5_000);
                yield splice(text, token[0], token[1], "(".repeat(depth) + word + ")".repeat(depth));
            }
            case 4 -> splice(text, token[1], token[1], " + 1M".repeat(1 + random.nextInt(random.nextBoolean()
                    ? 600 : 20_000))); // a long sum
            case 5 -> { // a huge or negative number in place of one
                Matcher m = NUMBER.matcher(text);
                List<int[]> numbers = new ArrayList<>();
                while (m.find()) {
                    numbers.add(new int[] {m.start(), m.end()});
                }
                int[] n = numbers.isEmpty() ? token : numbers.get(random.nextInt(numbers.size()));
                yield splice(text, n[0], n[1], HUGE[random.nextInt(HUGE.length)]);
            }
            case 6 -> {
                int at = token[random.nextInt(2)]; // before or after the token
                yield splice(text, at, at, ODD[random.nextInt(ODD.length)]);
            }
            case 7 -> (random.nextBoolean() ? "\uFEFF" : "") + "import \"" + IMPORTS[random.nextInt(IMPORTS.length)]
                    + "\"\n" + text;
            case 8 -> text.substring(0, token[random.nextInt(2)]); // cut short
            default -> { // a line moved elsewhere
                List<String> lines = new ArrayList<>(text.lines().toList());
                String line = lines.remove(random.nextInt(lines.size()));
                lines.add(random.nextInt(lines.size() + 1), line);
                yield String.join("\n", lines) + "\n";
            }
        };
    }

    private static String splice(String text, int start, int end, String replacement) {
        return text.substring(0, start) + replacement + text.substring(Math.max(start, end));
    }

    /** What went wrong with the process over {@code dir}, or null. */
    private static String problem(Path dir, List<String> command, Map<Path, String> before,
            Map<Integer, Integer> statuses, Set<String> refusals) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return "no exit within " + PROCESS_TIMEOUT_SECONDS + " s (a hang)";
        }
        int status = process.exitValue();
        statuses.merge(status, 1, Integer::sum);
        String output = stdout.join() + stderr.join();
        if (status < 0 || status > 2) {
            return "exit status " + status;
        }
        if (status == 2) { // the first line of stderr, without the case's directory
            stderr.join().lines().findFirst().ifPresent(line -> refusals.add(line.replaceAll("\\./case-\\d+/", "")));
        }
        for (String sign : List.of("internal error", "Exception", "\tat ", "java.lang.", "StackOverflow",
                "OutOfMemory")) {
            if (output.contains(sign)) {
                int at = output.indexOf(sign);
                return "output holds \"" + sign + "\": ..." + output.substring(Math.max(0, at - 200),
                        Math.min(output.length(), at + 300)).replace("\n", "\n      ");
            }
        }
        Map<Path, String> after = listing(dir);
        if (!after.equals(before)) {
            return "files changed: " + changed(before, after);
        }
        return null;
    }

    private static String readAll(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Every file under {@code dir} with its size and modification time. */
    private static Map<Path, String> listing(Path dir) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path file : all.toList()) {
                files.put(dir.relativize(file), Files.isDirectory(file) ? "dir"
                        : Files.size(file) + " bytes, " + Files.getLastModifiedTime(file));
            }
        }
        return files;
    }

    private static List<Path> changed(Map<Path, String> before, Map<Path, String> after) {
        List<Path> changed = new ArrayList<>();
        after.forEach((file, state) -> {
            if (!state.equals(before.get(file))) {
                changed.add(file);
            }
        });
        before.keySet().stream().filter(file -> !after.containsKey(file)).forEach(changed::add);
        return changed;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path file : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
