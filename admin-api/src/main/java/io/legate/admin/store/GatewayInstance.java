package io.legate.admin.store;

/**
 * A gateway of the fleet, as it registers itself in the store.
 *
 * @param name     its host name and admin address, e.g. {@code edge-1 127.0.0.1:8877}
 * @param revision the store revision whose routes it serves
 * @param since    when it started serving from the store (ISO 8601)
 */
public record GatewayInstance(String name, long revision, String since) {
}
