package io.legate.admin.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Durable, atomic file changes: after a crash at any moment a file is either wholly old or wholly new.
 * A write goes to a temporary file in the same directory, is forced to disk, renamed over the target, and the
 * directory is forced so that the rename itself survives; only then does the call return.
 */
final class AtomicFiles {

    /** Temporary files start with this; one left by a crash is removed by {@link #removeTemporaryFiles}. */
    static final String TEMP_PREFIX = ".tmp-";

    private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<?> READABLE = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-r--r--"));

    private AtomicFiles() {
    }

    /** Replaces {@code target} with {@code content}; {@code ownerOnly} files are never readable by others, not even briefly. */
    static void write(Path target, byte[] content, boolean ownerOnly) throws IOException {
        Path dir = target.getParent();
        Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
        try {
            try (FileChannel channel = FileChannel.open(temp,
                    EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly ? OWNER_ONLY : READABLE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(dir);
    }

    /** Deletes {@code target} durably; false when it did not exist. */
    static boolean delete(Path target) throws IOException {
        boolean deleted = Files.deleteIfExists(target);
        syncDirectory(target.getParent());
        return deleted;
    }

    /** Creates {@code dir} (and its parents) durably, owner-only when asked. */
    static void createDirectory(Path dir, boolean ownerOnly) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString(ownerOnly ? "rwx------" : "rwxr-xr-x")));
        syncDirectory(dir.getParent());
    }

    /** Removes what writes interrupted by a crash left behind; their targets were never touched. */
    static void removeTemporaryFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(TEMP_PREFIX)).toList()) {
                Files.delete(file);
            }
        }
        syncDirectory(dir);
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
