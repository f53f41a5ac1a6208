package io.legate.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A fresh copy of the distribution for the tests, unpacked from the tarball just built. */
final class TestTree {

    private TestTree() {
    }

    /** Empties {@code dir}, unpacks {@code tarball} into it and returns the tree's top directory. */
    static Path unpack(Path tarball, Path dir) {
        try {
            deleteRecursively(dir);
            Files.createDirectories(dir);
            Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", dir.toString())
                    .redirectErrorStream(true).start();
            String output = new String(tar.getInputStream().readAllBytes());
            if (!tar.waitFor(60, TimeUnit.SECONDS) || tar.exitValue() != 0) {
                throw new IllegalStateException("cannot unpack " + tarball + ": " + output);
            }
            try (Stream<Path> top = Files.list(dir)) {
                return top.filter(Files::isDirectory).findFirst()
                        .orElseThrow(() -> new IllegalStateException(tarball + " holds no top directory"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while unpacking " + tarball, e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
