package io.legate.cli;

import java.util.List;
import java.util.Map;

/**
 * Commands a module adds to {@code legate}, found with {@link java.util.ServiceLoader} on the class path (as the
 * admin API adds its clients: {@code apply}, {@code get}, {@code delete}). Each command is a picocli command object.
 */
public interface CliExtension {

    /** The commands, in the order {@code legate help} lists them; {@code env} is where they read port overrides. */
    List<Object> commands(Map<String, String> env);
}
