package io.legate.cli;

import io.legate.config.ConfigException;
import java.io.IOException;
import java.util.Map;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code legate} command line, as started by {@code bin/legate}. Exit codes: 0 success, 1 failure
 * (invalid resources, a port in use), 2 a bad command line or bad settings.
 */
@Command(name = "legate",
        mixinStandardHelpOptions = true,
        versionProvider = LegateVersion.class,
        description = "A gRPC-first API gateway.",
        subcommands = CommandLine.HelpCommand.class)
public final class LegateCli implements Runnable {

    static final int BAD_SETTINGS = 2;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /**
     * The command tree: the gateway's own commands, then those of the modules on the class path
     * ({@link CliExtension}); {@code env} is where {@code run} and the admin clients read their port overrides.
     */
    static CommandLine commandLine(Map<String, String> env) {
        CommandLine commands = new CommandLine(new LegateCli())
                .addSubcommand(new RunCommand(env))
                .addSubcommand(new ValidateCommand())
                .addSubcommand(new VersionCommand());
        ServiceLoader.load(CliExtension.class).forEach(extension ->
                extension.commands(env).forEach(commands::addSubcommand));
        return commands.setExecutionExceptionHandler(LegateCli::handle);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command");
    }

    /** Failures the user can act on are one line; anything else is a bug and keeps its stack trace. */
    private static int handle(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof ConfigException) {
            command.getErr().println("legate: " + e.getMessage());
            return BAD_SETTINGS;
        }
        if (e instanceof IOException) {
            command.getErr().println("legate: " + e.getMessage()
                    + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
            return CommandLine.ExitCode.SOFTWARE;
        }
        throw e;
    }
}
