package io.legate.admin.store;

import io.legate.resource.LoadResult;
import io.legate.resource.model.Problem;
import io.legate.resource.Resource;
import io.legate.resource.model.ResourceKind;
import io.legate.resource.ResourceLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the store's files at start, through the same loader and validator as {@code conf/resources/}: a file
 * edited by hand into something invalid is reported and skipped, never served.
 */
final class StoreLoader {

    record Loaded(List<StoredResource> resources, List<Problem> problems) {
    }

    private StoreLoader() {
    }

    static Loaded load(Path dataDir, ResourceLoader loader) throws IOException {
        List<StoredResource> resources = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (ResourceKind kind : ResourceKind.values()) {
            Path dir = ResourceFiles.directory(dataDir, kind);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            AtomicFiles.removeTemporaryFiles(dir);
            for (Path file : yamlFiles(dir)) {
                LoadResult result = loader.loadFiles(List.of(file));
                problems.addAll(result.errors());
                for (Resource resource : result.resources()) {
                    String expected = file.getFileName().toString();
                    if (resource.kind() != kind || !expected.equals(resource.name() + ".yaml")) {
                        problems.add(new Problem(Problem.Severity.ERROR, file.toString(), resource.label(), null,
                                "a file in " + dir + " must hold the " + kind.yamlName() + " named after it ("
                                        + expected + ")"));
                    } else {
                        resources.add(StoredDocuments.stamp(resource));
                    }
                }
            }
        }
        return new Loaded(resources, problems);
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
