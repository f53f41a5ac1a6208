package io.legate.admin.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legate.resource.Resource;

/**
 * A resource as the store holds it.
 *
 * @param resource the validated resource, as the route table needs it
 * @param version  its {@code metadata.resourceVersion}: a hash of its content, so an unchanged write keeps it
 * @param document the document as the user sent it, with {@code metadata.resourceVersion} set; never modify it
 */
public record StoredResource(Resource resource, String version, ObjectNode document) {

    public String name() {
        return resource.name();
    }

    /** {@code Kind/name}, as problems name it. */
    public String label() {
        return resource.label();
    }
}
