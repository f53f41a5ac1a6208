package io.legate.admin.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/** Writes answers, JSON trees, as JSON or as YAML: whichever media type Jersey negotiated from {@code Accept}. */
@Produces({MediaType.APPLICATION_JSON, ProblemMapper.PROBLEM_JSON, DocumentWriter.APPLICATION_YAML})
public final class DocumentWriter implements MessageBodyWriter<JsonNode> {

    static final String APPLICATION_YAML = "application/yaml";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    // Strings always quoted, as in the store: a bare "8080" would read back as a number.
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return JsonNode.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(JsonNode document, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> headers, OutputStream out)
            throws IOException {
        if (RequestBodies.isYaml(mediaType)) {
            YAML.writeValue(out, document);
        } else {
            JSON.writeValue(out, document);
            out.write('\n');
        }
    }
}
