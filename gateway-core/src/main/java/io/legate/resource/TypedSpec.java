package io.legate.resource;

/** The {@code spec} of a resource read into a record, for the kinds that have one. */
public sealed interface TypedSpec permits MappingSpec, HostSpec, TlsContextSpec, SecretSpec, ModuleSpec,
        PluginResourceSpec, EndpointsSpec {
}
