package io.legate.resource;

import io.legate.resource.model.Problem;
import io.legate.resource.model.ResourceKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.legate.pluginhost.LoadedPlugin;
import io.legate.pluginhost.PluginRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one check of a resource document, used for files at start-up, {@code legate validate} and the admin API
 * alike, so that all three accept and refuse the same things with the same words. Thread-safe.
 */
public final class ResourceValidator {

    private final PluginRegistry plugins;
    private final boolean missingPluginsTolerated;

    /** A validator for the plugins on the class path. */
    public ResourceValidator() {
        this(PluginRegistry.classPath());
    }

    /** A validator that binds and checks plugin settings with the plugins of {@code plugins}. */
    public ResourceValidator(PluginRegistry plugins) {
        this(plugins, false);
    }

    /** @param missingPluginsTolerated whether settings of a plugin that is not loaded are a warning, not an error */
    ResourceValidator(PluginRegistry plugins, boolean missingPluginsTolerated) {
        this.plugins = plugins;
        this.missingPluginsTolerated = missingPluginsTolerated;
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final int MAX_NAME_LENGTH = 253;

    /** The outcome for one document: the resource when there was no error, and every problem found. */
    public record Validated(Resource resource, List<Problem> problems) {

        public Validated {
            problems = List.copyOf(problems);
        }

        public boolean isValid() {
            return resource != null;
        }
    }

    /** Checks one resource that is not part of a multi-document file (e.g. an admin API body). */
    public Validated validate(JsonNode document, String source) {
        return validate(document, source, 0);
    }

    /**
     * Checks one document.
     *
     * @param source        where it came from, e.g. the file path
     * @param documentIndex its position in the file, from 1; 0 when it is not part of a file
     */
    public Validated validate(JsonNode document, String source, int documentIndex) {
        Problems problems = new Problems(source, label(document, documentIndex));
        if (!document.isObject()) {
            problems.error(null, "expected a mapping with apiVersion, kind, metadata and spec, got "
                    + SpecFields.describe(document));
            return new Validated(null, problems.list());
        }
        SpecFields top = new SpecFields(document, "", problems);
        Optional<ResourceKind> kind = kind(top);
        String apiVersion = top.string("apiVersion");
        if (top.present("apiVersion") == null) {
            top.error("apiVersion", "required");
        } else if (apiVersion != null && kind.isPresent() && !kind.get().accepts(apiVersion)) {
            top.error("apiVersion", "\"" + apiVersion + "\" is not supported for " + kind.get().yamlName()
                    + " (expected " + kind.get().expectedApiVersions() + ")");
        }
        SpecFields metadata = top.object("metadata");
        String name = name(metadata, problems);
        String namespace = metadata == null ? null : metadata.string("namespace");
        JsonNode spec = top.object("spec") == null ? MissingNode.getInstance() : document.get("spec");
        TypedSpec typed = kind.map(k -> typedSpec(k, name, k.specless() ? document : spec, problems)).orElse(null);
        if (problems.hasErrors()) {
            return new Validated(null, problems.list());
        }
        String origin = documentIndex > 0 ? source + "#" + documentIndex : source;
        return new Validated(new Resource(apiVersion, kind.get(), name, namespace, spec, typed, document, origin),
                problems.list());
    }

    private static Optional<ResourceKind> kind(SpecFields top) {
        String kind = top.string("kind");
        if (top.present("kind") == null) {
            top.error("kind", "required");
        }
        if (kind == null) {
            return Optional.empty();
        }
        Optional<ResourceKind> known = ResourceKind.of(kind);
        if (known.isEmpty()) {
            top.error("kind", "unknown kind \"" + kind + "\" (expected one of " + ResourceKind.expectedKinds() + ")");
        }
        return known;
    }

    private static String name(SpecFields metadata, Problems problems) {
        String name = metadata == null ? null : metadata.string("name");
        if (metadata == null || metadata.present("name") == null) {
            problems.error("metadata.name", "required");
        } else if (name != null && name.length() > MAX_NAME_LENGTH) {
            problems.error("metadata.name", "too long: " + name.length() + " characters (at most " + MAX_NAME_LENGTH + ")");
        } else if (name != null && !NAME.matcher(name).matches()) {
            problems.error("metadata.name", "\"" + name + "\" is not a valid name (lower-case letters, digits, '-' and '.',"
                    + " starting and ending with a letter or digit)");
        }
        return name;
    }

    private TypedSpec typedSpec(ResourceKind kind, String name, JsonNode spec, Problems problems) {
        if (kind.claimable() && (kind.failsClosed() || plugins.claimingKind(kind).isPresent())) {
            return PluginResourceReader.read(kind, spec, problems, plugins, missingPluginsTolerated);
        }
        return switch (kind) {
            case MAPPING -> MappingSpecReader.read(spec, problems, pluginSettings(plugins::claimingMappingKey));
            case HOST -> HostSpecReader.read(spec, problems);
            case TLS_CONTEXT -> TlsContextSpecReader.read(spec, problems);
            case SECRET -> SecretSpecReader.read(spec, problems, Instant.now());
            case ENDPOINTS -> EndpointsSpecReader.read(spec, problems);
            case KUBERNETES_ENDPOINT_RESOLVER, KUBERNETES_SERVICE_RESOLVER ->
                    InertSpecReader.readFields(kind, spec, problems);
            case MODULE -> ModuleSpecReader.read(name, spec, problems, pluginSettings(plugins::claimingModuleKey));
            default -> InertSpecReader.read(kind, spec, problems);
        };
    }

    private PluginSettingsReader pluginSettings(Function<String, Optional<LoadedPlugin>> claims) {
        return new PluginSettingsReader(plugins, claims, missingPluginsTolerated);
    }

    /** {@code Kind/name} when the document says both, else its position, so every problem names its resource. */
    private static String label(JsonNode document, int documentIndex) {
        JsonNode kind = document.path("kind");
        JsonNode name = document.path("metadata").path("name");
        if (kind.isTextual() && name.isTextual() && !name.textValue().isEmpty()) {
            return kind.textValue() + "/" + name.textValue();
        }
        return documentIndex > 0 ? "document " + documentIndex : null;
    }
}
