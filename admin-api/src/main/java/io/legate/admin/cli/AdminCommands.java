package io.legate.admin.cli;

import io.legate.cli.CliExtension;
import java.util.List;
import java.util.Map;

/** The admin API's clients on the command line: {@code apply}, {@code get} and {@code delete}. */
public final class AdminCommands implements CliExtension {

    @Override
    public List<Object> commands(Map<String, String> env) {
        return List.of(new ApplyCommand(env), new GetCommand(env), new DeleteCommand(env));
    }
}
