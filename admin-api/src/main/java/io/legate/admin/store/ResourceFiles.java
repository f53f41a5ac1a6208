package io.legate.admin.store;

import io.legate.resource.model.ResourceKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Where the store keeps each resource, {@code DATA/<kind>/<name>.yaml}, and how a file is given its content. */
final class ResourceFiles {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    private ResourceFiles() {
    }

    static Path directory(Path dataDir, ResourceKind kind) {
        return dataDir.resolve(KindNames.plural(kind));
    }

    /**
     * The file of a resource. Names are validated before they get here; they are checked again because a name
     * becomes a path (and the journal's names may have been edited by hand): nothing may be written outside
     * the data directory.
     */
    static Path file(Path dataDir, ResourceKind kind, String name) {
        if (name.length() > ResourceStore.MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a storable name: \"" + name + "\"");
        }
        Path dir = directory(dataDir, kind);
        Path file = dir.resolve(name + ".yaml").normalize();
        if (!dir.equals(file.getParent())) {
            throw new IllegalArgumentException("\"" + name + "\" would leave " + dir);
        }
        return file;
    }

    /** Writes {@code content} to the file of a resource, durably; Secrets hold key material, so owner-only. */
    static void write(Path dataDir, ResourceKind kind, String name, byte[] content) throws IOException {
        boolean secret = kind == ResourceKind.SECRET;
        AtomicFiles.createDirectory(directory(dataDir, kind), secret);
        AtomicFiles.write(file(dataDir, kind, name), content, secret);
    }

    /**
     * What the file of a resource holds, or null when there is no such file (something else in its place, such
     * as a directory, is no file either). Bytes that are not UTF-8 are replaced: such a file never loaded.
     */
    static String read(Path dataDir, ResourceKind kind, String name) throws IOException {
        Path file = file(dataDir, kind, name);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    /**
     * Makes the file of a resource hold {@code content}, or not exist when it is null; does nothing when that is
     * so already, which makes finishing or undoing a batch safe to repeat.
     */
    static void settle(Path dataDir, ResourceKind kind, String name, String content) throws IOException {
        String current = read(dataDir, kind, name);
        if (content == null ? current == null : content.equals(current)) {
            return;
        }
        if (content == null) {
            AtomicFiles.delete(file(dataDir, kind, name));
        } else {
            write(dataDir, kind, name, content.getBytes(StandardCharsets.UTF_8));
        }
    }
}
