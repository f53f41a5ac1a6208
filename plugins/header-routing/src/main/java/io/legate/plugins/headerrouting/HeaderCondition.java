package io.legate.plugins.headerrouting;

import io.legate.plugin.RequestHead;
import io.legate.plugin.RouteCondition;

import java.util.List;

/** Every header condition of a Mapping holds; each counts once in the Mapping's specificity, as in Emissary. */
final class HeaderCondition implements RouteCondition {

    private final List<HeaderMatch> matches;

    HeaderCondition(List<HeaderMatch> matches) {
        this.matches = List.copyOf(matches);
    }

    @Override
    public boolean matches(RequestHead request) {
        for (HeaderMatch match : matches) {
            if (!match.matches(request)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int specificity() {
        return matches.size();
    }

    @Override
    public String toString() {
        return "headers " + matches;
    }
}
