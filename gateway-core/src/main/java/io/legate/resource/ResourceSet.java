package io.legate.resource;

import io.legate.resource.model.Problem;
import io.legate.resource.model.ResourceKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks what one resource alone cannot: that the names resources refer to exist, with what they must hold.
 * A Host's {@code tlsSecret} must name a Secret with {@code tls.crt} and {@code tls.key}; a Host's
 * {@code tlsContext} and a Mapping's {@code tls} a TLSContext; a TLSContext's {@code secret} a Secret with a key
 * pair, its {@code ca_secret} a Secret with {@code ca.crt} (or {@code tls.crt}). Of a kind a plugin claims
 * (AuthService), only one resource may exist. A {@code resolver} that names no resolver, or a ConsulResolver, is a
 * warning; canary weights over 100 ({@link CanaryWeights}) are errors.
 *
 * <p>Used by {@code legate validate} over the files given, at start-up (reported, the resource still loads and
 * what it refers to is simply absent), and by the admin API, which refuses a write that adds a problem
 * ({@link #introducedBy}).
 */
public final class ResourceSet {

    private ResourceSet() {
    }

    /** Every dangling or unsuitable reference in {@code resources}, as errors on the resource that refers. */
    public static List<Problem> check(List<Resource> resources) {
        Map<String, Resource> byLabel = resources.stream()
                .collect(Collectors.toMap(Resource::label, Function.identity(), (a, b) -> b));
        List<Problem> problems = new ArrayList<>();
        Resolvers resolvers = Resolvers.of(resources);
        for (Resource resource : resources) {
            if (resource.typed() instanceof HostSpec host) {
                keyPair(problems, byLabel, resource, "spec.tlsSecret.name", host.tlsSecretName());
                context(problems, byLabel, resource, "spec.tlsContext.name", host.tlsContextName());
            } else if (resource.typed() instanceof TlsContextSpec context) {
                keyPair(problems, byLabel, resource, "spec.secret", context.secret());
                caSecret(problems, byLabel, resource, context.caSecret());
            } else if (resource.typed() instanceof MappingSpec mapping) {
                context(problems, byLabel, resource, "spec.tls", mapping.tls());
                resolver(problems, resolvers, resource, "spec.resolver", mapping.upstream().resolver());
            } else if (resource.typed() instanceof ModuleSpec module) {
                resolver(problems, resolvers, resource, "spec.config.resolver", module.upstreamDefaults().resolver());
            }
        }
        problems.addAll(CanaryWeights.check(resources, (mapping, message) -> error(mapping, "spec.weight", message)));
        Map<ResourceKind, Resource> inEffect = new EnumMap<>(ResourceKind.class);
        claimedInEffect(resources).forEach(r -> inEffect.put(r.kind(), r));
        resources.stream()
                .filter(r -> r.typed() instanceof PluginResourceSpec && inEffect.get(r.kind()) != r)
                .forEach(r -> problems.add(problem(Problem.Severity.WARNING, r, "kind", "only one "
                        + r.kind().yamlName() + " takes effect, and " + inEffect.get(r.kind()).label()
                        + " is it: this one has no effect (delete one of the two)")));
        return List.copyOf(problems);
    }

    /**
     * The resources of kinds plugins claim that take effect: of each kind, the one whose name sorts first, so
     * that which one applies never depends on the order they were read in.
     */
    public static List<Resource> claimedInEffect(List<Resource> resources) {
        Map<ResourceKind, Resource> first = new EnumMap<>(ResourceKind.class);
        resources.stream()
                .filter(r -> r.typed() instanceof PluginResourceSpec)
                .sorted(Comparator.comparing(Resource::name))
                .forEach(r -> first.putIfAbsent(r.kind(), r));
        return List.copyOf(first.values());
    }

    /** The problems of {@code after} that {@code before} did not have: what a change would break. */
    public static List<Problem> introducedBy(List<Resource> before, List<Resource> after) {
        Set<String> known = new HashSet<>();
        check(before).forEach(p -> known.add(key(p)));
        return check(after).stream().filter(p -> !known.contains(key(p))).toList();
    }

    private static String key(Problem problem) {
        return problem.resource() + "\n" + problem.field() + "\n" + problem.message();
    }

    private static void keyPair(List<Problem> problems, Map<String, Resource> byLabel, Resource from, String field,
                                String name) {
        SecretSpec secret = secret(problems, byLabel, from, field, name);
        if (secret != null && secret.tls() == null) {
            problems.add(error(from, field, "Secret/" + name + " holds no tls.crt and tls.key"));
        }
    }

    private static void caSecret(List<Problem> problems, Map<String, Resource> byLabel, Resource from, String name) {
        SecretSpec secret = secret(problems, byLabel, from, "spec.ca_secret", name);
        if (secret != null && secret.ca().isEmpty() && secret.tls() == null) {
            problems.add(error(from, "spec.ca_secret", "Secret/" + name + " holds no ca.crt"));
        }
    }

    private static SecretSpec secret(List<Problem> problems, Map<String, Resource> byLabel, Resource from,
                                     String field, String name) {
        if (name == null) {
            return null;
        }
        Resource secret = byLabel.get(ResourceKind.SECRET.yamlName() + "/" + name);
        if (secret == null) {
            problems.add(error(from, field, "Secret/" + name + " does not exist"));
            return null;
        }
        return (SecretSpec) secret.typed();
    }

    private static void context(List<Problem> problems, Map<String, Resource> byLabel, Resource from, String field,
                                String name) {
        if (name != null && !byLabel.containsKey(ResourceKind.TLS_CONTEXT.yamlName() + "/" + name)) {
            problems.add(error(from, field, "TLSContext/" + name + " does not exist"));
        }
    }

    /** A resolver that names nothing, or a ConsulResolver, leaves the service host to DNS: a warning, not an error. */
    private static void resolver(List<Problem> problems, Resolvers resolvers, Resource from, String field,
                                 String name) {
        if (name == null) {
            return;
        }
        Optional<ResourceKind> kind = resolvers.kind(name);
        if (kind.isEmpty()) {
            problems.add(problem(Problem.Severity.WARNING, from, field, "no KubernetesEndpointResolver,"
                    + " KubernetesServiceResolver or ConsulResolver is named " + name + ": the service is resolved"
                    + " by DNS"));
        } else if (kind.get() == ResourceKind.CONSUL_RESOLVER) {
            problems.add(problem(Problem.Severity.WARNING, from, field, "ConsulResolver/" + name + " "
                    + SpecFields.NO_EFFECT + ": the service is resolved by DNS"));
        }
    }

    private static Problem error(Resource from, String field, String message) {
        return problem(Problem.Severity.ERROR, from, field, message);
    }

    private static Problem problem(Problem.Severity severity, Resource from, String field, String message) {
        String source = from.source();
        int hash = source.lastIndexOf('#');
        return new Problem(severity, hash > 0 ? source.substring(0, hash) : source, from.label(), field, message);
    }
}
