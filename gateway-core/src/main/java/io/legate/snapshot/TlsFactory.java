package io.legate.snapshot;

import io.legate.resource.HostSpec;
import io.legate.resource.Resource;
import io.legate.resource.ResourceSet;
import io.legate.resource.SecretSpec;
import io.legate.resource.TlsContextSpec;
import io.legate.resource.TypedSpec;
import io.legate.hostname.HostMatcher;
import io.legate.routing.InsecurePolicies;
import io.legate.tls.CertifiedKey;
import io.legate.tls.ServerTls;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns Hosts, TLSContexts and Secrets into what the TLS listener serves and what cleartext requests get.
 * References that do not resolve are passed over here: {@link ResourceSet} reports them.
 *
 * <p>A Host serves its {@code tlsSecret} for its {@code hostname}; a TLSContext with {@code secret} and
 * {@code hosts} serves that secret for those names. The listener's settings (ALPN, versions, ciphers, client
 * certificates) come from the TLSContexts that terminate (named by a Host, or with {@code hosts}); Jetty has one
 * set of settings per listener, so when they differ the union is taken: every ALPN protocol and cipher suite
 * named, the widest version range, every CA, and client certificates required if any TLSContext requires them.
 */
public final class TlsFactory {

    private static final List<String> VERSIONS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private TlsFactory() {
    }

    public static ServerTls serverTls(List<Resource> resources) {
        Map<String, SecretSpec> secrets = byName(resources, SecretSpec.class);
        Map<String, TlsContextSpec> contexts = byName(resources, TlsContextSpec.class);
        Map<String, CertifiedKey> keys = new LinkedHashMap<>();
        List<ServerTls.SniName> sni = new ArrayList<>();
        Set<TlsContextSpec> terminating = new LinkedHashSet<>();
        String defaultAlias = null;
        for (Map.Entry<String, HostSpec> entry : byName(resources, HostSpec.class).entrySet()) {
            HostSpec host = entry.getValue();
            SecretSpec secret = host.tlsSecretName() == null ? null : secrets.get(host.tlsSecretName());
            if (secret == null || secret.tls() == null) {
                continue;
            }
            String hostname = host.hostname() == null ? "*" : host.hostname();
            keys.put(host.tlsSecretName(), secret.tls());
            sni.add(new ServerTls.SniName(hostname, host.tlsSecretName()));
            if (hostname.equals("*") || defaultAlias == null) {
                defaultAlias = host.tlsSecretName();
            }
            TlsContextSpec named = host.tlsContextName() == null ? null : contexts.get(host.tlsContextName());
            if (named != null) {
                terminating.add(named);
            }
            contexts.values().stream()
                    .filter(c -> c.hosts().stream().anyMatch(glob -> glob.equals("*") || glob.equalsIgnoreCase(hostname)))
                    .forEach(terminating::add);
        }
        for (TlsContextSpec context : contexts.values()) {
            SecretSpec secret = context.secret() == null ? null : secrets.get(context.secret());
            if (context.hosts().isEmpty() || secret == null || secret.tls() == null) {
                continue;
            }
            terminating.add(context);
            keys.put(context.secret(), secret.tls());
            for (String glob : context.hosts()) {
                sni.add(new ServerTls.SniName(glob, context.secret()));
                if (glob.equals("*") || defaultAlias == null) {
                    defaultAlias = context.secret();
                }
            }
        }
        if (keys.isEmpty()) {
            return ServerTls.NONE;
        }
        return new ServerTls(keys, sni, defaultAlias, alpn(terminating), protocols(terminating),
                terminating.stream().flatMap(c -> c.cipherSuites().stream()).distinct().toList(),
                clientCa(terminating, secrets), terminating.stream().anyMatch(TlsContextSpec::certRequired));
    }

    /** The insecure-request policy of every Host, by Host name. */
    public static InsecurePolicies insecurePolicies(List<Resource> resources, boolean tlsServed) {
        Map<String, SecretSpec> secrets = byName(resources, SecretSpec.class);
        List<InsecurePolicies.Policy> policies = new ArrayList<>();
        for (Map.Entry<String, HostSpec> entry : byName(resources, HostSpec.class).entrySet()) {
            HostSpec host = entry.getValue();
            String hostname = host.hostname() == null ? "*" : host.hostname();
            InsecurePolicies.Action action = switch (host.insecureAction()) {
                case ROUTE -> InsecurePolicies.Action.ROUTE;
                case REJECT -> InsecurePolicies.Action.REJECT;
                case REDIRECT -> InsecurePolicies.Action.REDIRECT;
            };
            SecretSpec secret = host.tlsSecretName() == null ? null : secrets.get(host.tlsSecretName());
            if (action == InsecurePolicies.Action.REDIRECT && (!tlsServed || secret == null || secret.tls() == null)) {
                // Nothing to redirect to: a Host without a certificate serves cleartext, as Emissary's does.
                action = InsecurePolicies.Action.ROUTE;
            }
            policies.add(new InsecurePolicies.Policy(entry.getKey(), hostname, HostMatcher.glob(hostname), action));
        }
        return new InsecurePolicies(policies);
    }

    private static List<String> alpn(Set<TlsContextSpec> contexts) {
        List<String> named = contexts.stream().flatMap(c -> c.alpnProtocols().stream()).distinct().toList();
        if (named.isEmpty()) {
            return ServerTls.DEFAULT_ALPN;
        }
        // h2 first whenever it is offered: gRPC clients need it, and HTTP/1.1 clients do not offer it.
        return named.stream().sorted(Comparator.comparing(p -> p.equals("h2") ? 0 : 1)).toList();
    }

    static List<String> protocols(Set<TlsContextSpec> contexts) {
        if (contexts.stream().allMatch(c -> c.minTlsVersion() == null && c.maxTlsVersion() == null)) {
            return List.of();
        }
        int min = contexts.stream().mapToInt(c -> c.minTlsVersion() == null ? VERSIONS.indexOf("TLSv1.2")
                : VERSIONS.indexOf(c.minTlsVersion())).min().orElse(2);
        int max = contexts.stream().mapToInt(c -> c.maxTlsVersion() == null ? VERSIONS.size() - 1
                : VERSIONS.indexOf(c.maxTlsVersion())).max().orElse(VERSIONS.size() - 1);
        return VERSIONS.subList(min, max + 1);
    }

    private static List<X509Certificate> clientCa(Set<TlsContextSpec> contexts, Map<String, SecretSpec> secrets) {
        List<X509Certificate> ca = new ArrayList<>();
        for (TlsContextSpec context : contexts) {
            ca.addAll(trusted(context.caSecret() == null ? null : secrets.get(context.caSecret())));
        }
        return ca.stream().distinct().toList();
    }

    /** What a CA secret trusts: its {@code ca.crt}, else its {@code tls.crt} (a self-signed certificate). */
    static List<X509Certificate> trusted(SecretSpec secret) {
        if (secret == null) {
            return List.of();
        }
        if (!secret.ca().isEmpty()) {
            return secret.ca();
        }
        return secret.tls() == null ? List.of() : List.of(secret.tls().chain().get(secret.tls().chain().size() - 1));
    }

    /** The typed specs of one kind, by resource name in name order. */
    static <T extends TypedSpec> Map<String, T> byName(List<Resource> resources, Class<T> type) {
        Map<String, T> result = new TreeMap<>();
        for (Resource resource : resources) {
            if (type.isInstance(resource.typed())) {
                result.put(resource.name(), type.cast(resource.typed()));
            }
        }
        return result;
    }
}
