package io.legate.distribution;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the real {@code bin/legate} of the unpacked distribution, as a user would. */
final class LegateScript {

    static final Path TARBALL = Path.of(System.getProperty("legate.tarball"));
    static final String VERSION = System.getProperty("legate.version");
    /**
     * The tree the tests run: the tarball unpacked afresh once per test run (failsafe names the directory), never
     * the tree {@code mvn package} unpacked beside it, which users are told to edit and run.
     */
    static final Path HOME = TestTree.unpack(TARBALL, Path.of(System.getProperty("legate.test.tree")));

    record Result(int exitCode, String out, String err) {

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    private LegateScript() {
    }

    static Result run(String... args) throws IOException, InterruptedException {
        return run(HOME.resolve("bin/legate"), Map.of(), args);
    }

    /**
     * Runs {@code script} directly, so that its executable bit and shebang are tested too. The LEGATE_
     * variables of the build's own environment are dropped: only {@code env} counts.
     */
    static Result run(Path script, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("legate-out", ".txt");
        Path err = Files.createTempFile("legate-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(script.toString()), Stream.of(args))
                    .toList());
            builder.environment().keySet().removeIf(name -> name.startsWith("LEGATE_"));
            builder.environment().putAll(env);
            Process process = builder
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("bin/legate " + List.of(args) + " did not finish within 90 s");
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
