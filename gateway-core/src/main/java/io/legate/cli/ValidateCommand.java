package io.legate.cli;

import io.legate.config.ConfigException;
import io.legate.config.GatewayConfigLoader;
import io.legate.config.PortOverrides;
import io.legate.pluginhost.PluginRegistry;
import io.legate.resource.LoadResult;
import io.legate.resource.model.Problem;
import io.legate.resource.ResourceLoader;
import io.legate.resource.ResourceSet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate",
        description = "Check resource files offline, as the gateway would load them: every problem is printed with"
                + " file, resource and field. Exits 1 when any resource would be skipped.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "YAML files of one or more resources each.")
    private List<Path> files;

    @Option(names = "--conf", paramLabel = "FILE", defaultValue = "${env:LEGATE_CONF:-conf/legate.yaml}",
            description = "Gateway settings, for the plugins directory whose plugins check their settings"
                    + " (default: ${DEFAULT-VALUE}).")
    private Path conf;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws ConfigException {
        PluginRegistry plugins = PluginRegistry.load(GatewayConfigLoader.load(conf, Map.of(), PortOverrides.NONE).pluginsDir());
        LoadResult loaded = new ResourceLoader(plugins).loadFiles(files);
        // References between resources (a TLSContext's secret, a Mapping's tls) are checked among the files given.
        List<Problem> all = new ArrayList<>(loaded.problems());
        all.addAll(ResourceSet.check(loaded.resources()));
        LoadResult result = new LoadResult(loaded.resources(), all);
        PrintWriter out = spec.commandLine().getOut();
        // A plugin that fails to load is skipped by the gateway too: said, but it skips no resource.
        plugins.failures().forEach(out::println);
        for (Problem problem : result.problems()) {
            out.println(problem);
        }
        out.println(count(files.size(), "file") + ", " + count(result.resources().size(), "resource") + ", "
                + count(result.errors().size(), "error") + ", " + count(result.warnings().size(), "warning"));
        return result.hasErrors() ? 1 : 0;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
