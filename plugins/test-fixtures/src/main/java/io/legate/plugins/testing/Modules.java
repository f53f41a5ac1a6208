package io.legate.plugins.testing;

/** Module YAML for tests. */
public final class Modules {

    private Modules() {
    }

    /** The {@code ambassador} Module with the {@code spec.config} lines given, e.g. {@code "strip_any_host_port: true"}. */
    public static String ambassador(String... configLines) {
        StringBuilder yaml = new StringBuilder("---\napiVersion: getambassador.io/v3alpha1\nkind: Module\nmetadata:\n")
                .append("  name: ambassador\nspec:\n  config:\n");
        for (String line : configLines) {
            yaml.append("    ").append(line).append('\n');
        }
        return yaml.toString();
    }
}
