package io.legate.testing;

/** Mapping YAML for tests, in the Emissary guide's shape. */
public final class Mappings {

    private Mappings() {
    }

    public static String grpc(String name, String prefix, String service, String... extraSpecLines) {
        StringBuilder yaml = new StringBuilder()
                .append("---\napiVersion: getambassador.io/v3alpha1\nkind: Mapping\nmetadata:\n  name: ").append(name)
                .append("\nspec:\n  hostname: \"*\"\n  grpc: True\n  prefix: ").append(prefix)
                .append("\n  rewrite: ").append(prefix)
                .append("\n  service: ").append(service).append('\n');
        for (String line : extraSpecLines) {
            yaml.append("  ").append(line).append('\n');
        }
        return yaml.toString();
    }

    /** A Mapping without {@code grpc}: HTTP/1.1 to {@code service}, with the spec lines given (prefix included). */
    public static String http(String name, String service, String... specLines) {
        StringBuilder yaml = new StringBuilder("---\napiVersion: getambassador.io/v3alpha1\nkind: Mapping\nmetadata:\n  name: ")
                .append(name).append("\nspec:\n  service: ").append(service).append('\n');
        for (String line : specLines) {
            yaml.append("  ").append(line).append('\n');
        }
        return yaml.toString();
    }
}
