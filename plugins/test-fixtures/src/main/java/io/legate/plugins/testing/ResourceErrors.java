package io.legate.plugins.testing;

import io.legate.pluginhost.PluginRegistry;
import io.legate.resource.model.Problem;
import io.legate.resource.ResourceLoader;

import java.util.List;

/** What the gateway's resource loader refuses in resource YAML, with the plugins on the class path. */
public final class ResourceErrors {

    private ResourceErrors() {
    }

    /** The errors, each as the loader words it: {@code source: Kind/name: field: message}. */
    public static List<String> of(String yaml) {
        return new ResourceLoader(PluginRegistry.classPath()).parse("test.yaml", yaml).errors().stream()
                .map(Problem::toString)
                .toList();
    }
}
