package io.legate.plugin;

/** A condition of a route, made by {@link PluginFactory#routeCondition}; thread-safe and quick, with no side effect. */
public interface RouteCondition {

    boolean matches(RequestHead request);

    /** How many constraints this condition stands for, so that a more specific route is tried first. */
    default int specificity() {
        return 1;
    }
}
