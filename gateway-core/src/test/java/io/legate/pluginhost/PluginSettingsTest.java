package io.legate.pluginhost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PluginSettingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LoadedPlugin PLUGIN = new LoadedPlugin(new NamedPlugin("named", 1), "class path");

    private static PluginSettings.Bound bind(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        return PluginSettings.bind(PLUGIN, node);
    }

    @Test
    void settingsAreBoundFromSnakeCaseNames() throws Exception {
        assertEquals(new NamedPlugin.Settings(3, true, List.of("a")),
                bind("{\"level\": 3, \"loud\": true, \"tags\": [\"a\"]}").settings());
    }

    @Test
    void whatIsNotWrittenTakesTheDefaultsOfItsType() {
        assertEquals(new NamedPlugin.Settings(0, false, null), PluginSettings.defaults(PLUGIN).settings());
    }

    @Test
    void anUnknownSettingIsRefusedListingTheKnownOnes() throws Exception {
        PluginSettings.Bound bound = bind("{\"lvel\": 3}");

        assertFalse(bound.isValid());
        assertEquals(List.of("lvel: unknown setting (expected one of level, loud, tags)"), bound.problems());
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedNamingItsField() throws Exception {
        assertEquals(List.of("loud: expected true or false"), bind("{\"loud\": \"very\"}").problems());
    }

    @Test
    void thePluginsOwnValidationIsApplied() throws Exception {
        assertEquals(List.of("level: -1 (expected: >= 0)"), bind("{\"level\": -1}").problems());
    }
}
