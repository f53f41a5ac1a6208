package io.legate.resource;

import io.legate.resource.model.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import io.legate.pluginhost.PluginRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads resources from YAML files of one or more documents. A file that is not valid YAML is one error and
 * is skipped whole; a document with errors is skipped and the rest of its file still loads. Names are unique
 * per kind across everything loaded together: a second resource of the same kind and name is an error.
 */
public final class ResourceLoader {

    private final ResourceValidator validator;
    private final YamlDocuments yaml;

    public ResourceLoader() {
        this(new ResourceValidator(), YamlDocuments.STANDARD);
    }

    /** A loader for what is being written: settings of a plugin that is not loaded are an error. */
    public ResourceLoader(PluginRegistry plugins) {
        this(new ResourceValidator(plugins), YamlDocuments.STANDARD);
    }

    /**
     * A loader for what was written before this start (the store, {@code conf/resources/}): settings of a plugin
     * that is no longer loaded are a warning and left out, so that taking a jar out of {@code plugins/} does not
     * take the rest of a Module or Mapping with it.
     */
    public static ResourceLoader tolerant(PluginRegistry plugins) {
        return new ResourceLoader(new ResourceValidator(plugins, true), YamlDocuments.STANDARD);
    }

    ResourceLoader(ResourceValidator validator, YamlDocuments yaml) {
        this.validator = validator;
        this.yaml = yaml;
    }

    /** Loads the documents in {@code yamlText}; {@code source} names it in problems (usually a file path). */
    public LoadResult parse(String source, String yamlText) {
        Batch batch = new Batch();
        batch.add(source, yamlText);
        return batch.result();
    }

    /** Loads {@code files} in the order given; a file that cannot be read is an error, the others still load. */
    public LoadResult loadFiles(List<Path> files) {
        Batch batch = new Batch();
        for (Path file : files) {
            try {
                batch.add(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                batch.problems.add(fileError(file, "cannot read: " + e));
            }
        }
        return batch.result();
    }

    /**
     * Loads every {@code *.yaml} and {@code *.yml} file directly in {@code dir}, sorted by name. A directory
     * that does not exist holds no resources: none are required.
     */
    public LoadResult loadDirectory(Path dir) {
        if (!Files.exists(dir)) {
            return LoadResult.empty();
        }
        if (!Files.isDirectory(dir)) {
            return new LoadResult(List.of(), List.of(fileError(dir, "not a directory")));
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return loadFiles(entries
                    .filter(Files::isRegularFile)
                    .filter(ResourceLoader::isYaml)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList());
        } catch (IOException e) {
            return new LoadResult(List.of(), List.of(fileError(dir, "cannot list: " + e)));
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static Problem fileError(Path file, String message) {
        return new Problem(Problem.Severity.ERROR, file.toString(), null, null, message);
    }

    /** What is loaded together, so that duplicate names are found across files. */
    private final class Batch {
        private final List<Resource> resources = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();
        private final Map<String, Resource> byKindAndName = new HashMap<>();

        void add(String source, String text) {
            YamlDocuments.Parsed parsed = yaml.parse(source, text);
            if (parsed.error() != null) {
                problems.add(parsed.error());
                return;
            }
            for (int i = 0; i < parsed.documents().size(); i++) {
                JsonNode document = parsed.documents().get(i);
                if (document.isNull()) {
                    continue;
                }
                ResourceValidator.Validated validated = validator.validate(document, source, i + 1);
                problems.addAll(validated.problems());
                if (validated.isValid()) {
                    addUnique(source, validated.resource());
                }
            }
        }

        private void addUnique(String source, Resource resource) {
            Resource first = byKindAndName.putIfAbsent(resource.label(), resource);
            if (first == null) {
                resources.add(resource);
            } else {
                problems.add(new Problem(Problem.Severity.ERROR, source, resource.label(), "metadata.name",
                        "duplicate: " + resource.label() + " is already defined in " + first.source()
                                + " (this one, in " + resource.source() + ", is skipped)"));
            }
        }

        LoadResult result() {
            return new LoadResult(resources, problems);
        }
    }
}
