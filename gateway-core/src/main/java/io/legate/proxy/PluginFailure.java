package io.legate.proxy;

/**
 * A plugin failed a request: its filter broke the chain's contract or threw, a body or response hook threw, or
 * a request body filter found the body malformed ({@link #badRequest()}). The message names the plugin.
 */
final class PluginFailure extends RuntimeException {

    private final boolean badRequest;

    private PluginFailure(String message, Throwable cause, boolean badRequest) {
        super(message, cause);
        this.badRequest = badRequest;
    }

    static PluginFailure contract(String plugin, String broken) {
        return new PluginFailure("plugin '" + plugin + "' broke the filter contract: it " + broken, null, false);
    }

    static PluginFailure thrown(String plugin, String where, Throwable cause) {
        return new PluginFailure("plugin '" + plugin + "' failed in " + where + ": " + cause, cause, false);
    }

    /** The caller's body was refused by a request body filter: its message is meant for the caller. */
    static PluginFailure badRequest(IllegalArgumentException cause) {
        return new PluginFailure(cause.getMessage(), cause, true);
    }

    boolean badRequest() {
        return badRequest;
    }

    /** The failure among {@code failure} and its causes, or null. */
    static PluginFailure in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PluginFailure plugin) {
                return plugin;
            }
        }
        return null;
    }
}
