package io.legate.testing;

import io.legate.resource.LoadResult;
import io.legate.resource.ResourceLoader;
import io.legate.resource.RouteTableFactory;
import io.legate.routing.RouteTable;

/** Route tables from Mapping YAML, through the same loader and validator the gateway uses. */
final class TestRoutes {

    private TestRoutes() {
    }

    static RouteTable fromYaml(String yaml) {
        LoadResult loaded = new ResourceLoader().parse("test.yaml", yaml);
        if (loaded.hasErrors()) {
            throw new IllegalArgumentException("invalid test resources: " + loaded.errors());
        }
        return RouteTableFactory.build(loaded.resources());
    }
}
