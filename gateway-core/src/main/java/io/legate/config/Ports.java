package io.legate.config;

/** Port numbers from the file, the environment or the command line: 0 (any free port) to 65535. */
final class Ports {

    private Ports() {
    }

    static int parse(String origin, String text) throws ConfigException {
        try {
            return check(origin, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new ConfigException(origin, notAPort("\"" + text + "\""));
        }
    }

    static int check(String origin, int port) throws ConfigException {
        if (port < 0 || port > 65535) {
            throw new ConfigException(origin, notAPort(Integer.toString(port)));
        }
        return port;
    }

    private static String notAPort(String value) {
        return value + " is not a port (expected: 0..65535)";
    }
}
