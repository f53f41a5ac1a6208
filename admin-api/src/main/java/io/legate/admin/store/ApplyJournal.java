package io.legate.admin.store;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.legate.resource.model.ResourceKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The write-ahead journal that makes an {@link ResourceStore#apply} batch all or nothing on disk:
 * {@code DATA/.apply-journal.yaml}, where no resource can be stored (they are in {@code DATA/<kind>/}).
 *
 * <p>Before the first file of a batch is written, the journal is written (atomically, like every file of the
 * store) with each file's content before and after; it is deleted once every file holds its new content. After a
 * failed write every file is given back its content before, and the journal is deleted.
 *
 * <p>A journal found when the store opens is a batch that a crash interrupted, and it is rolled forward: every
 * file is given its new content. The batch was validated whole before its journal was written, and its client
 * got no answer, so completing it does what was asked, as if the crash had come a moment later.
 *
 * <p>The contents are kept as the files hold them, in YAML block scalars: a person can read the journal, and every
 * byte comes back as it was. The journal holds Secrets' key material, so it is owner-only, always.
 */
final class ApplyJournal {

    static final String FILE_NAME = ".apply-journal.yaml";
    private static final String CHECKSUM = "checksum";

    private static final Logger LOG = LoggerFactory.getLogger(ApplyJournal.class);

    private static final String HEADER = """
            # Legate's journal of an apply batch being written. Found at start, it means that a crash interrupted
            # the batch: the store completes it (each file gets its "new" content; "previous: null" is no file),
            # then deletes this file.
            """;

    private static final YAMLMapper WRITER = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build();
    // The journal is ours, and as large as the files of its batch before and after: the parser's limits, which
    // guard against hostile input, would refuse a large batch and with it the start of the store.
    private static final YAMLMapper READER = new YAMLMapper(YAMLFactory.builder()
            .loaderOptions(unlimited())
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build());

    /** A file of the batch: its content before ({@code null}: there was no file) and after. */
    record Entry(ResourceKind kind, String name, String previous, String next) {

        /** {@code Kind/name}, as problems name a resource. */
        String label() {
            return kind.yamlName() + "/" + name;
        }
    }

    private final Path dataDir;
    private final List<Entry> entries;

    ApplyJournal(Path dataDir, List<Entry> entries) {
        this.dataDir = dataDir;
        this.entries = List.copyOf(entries);
    }

    /** The entry that writing {@code stored} makes, its content before read from its file. */
    static Entry entry(Path dataDir, StoredResource stored) throws IOException {
        ResourceKind kind = stored.resource().kind();
        return new Entry(kind, stored.name(), ResourceFiles.read(dataDir, kind, stored.name()),
                new String(StoredDocuments.yaml(stored), StandardCharsets.UTF_8));
    }

    static Path path(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** Writes the journal: from here on, a crash means the batch is completed when the store opens next. */
    void begin() throws StoreWriteException {
        try {
            byte[] journal = (HEADER + WRITER.writeValueAsString(document())).getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(path(dataDir), journal, true);
        } catch (IOException e) {
            throw new StoreWriteException(null, "the journal " + path(dataDir) + " could not be written (" + e + ")", e);
        }
    }

    /** Gives every file its new content, in order, then deletes the journal. */
    void complete() throws StoreWriteException {
        for (Entry entry : entries) {
            try {
                ResourceFiles.settle(dataDir, entry.kind(), entry.name(), entry.next());
            } catch (IOException e) {
                throw new StoreWriteException(entry.label(), entry.label() + " could not be written (" + e + ")", e);
            }
        }
        try {
            AtomicFiles.delete(path(dataDir));
        } catch (IOException e) {
            throw new StoreWriteException(null, "the journal " + path(dataDir) + " could not be deleted (" + e + ")", e);
        }
    }

    /** Gives every file back its content before, then deletes the journal; may be repeated. */
    void undo() throws IOException {
        for (Entry entry : entries) {
            ResourceFiles.settle(dataDir, entry.kind(), entry.name(), entry.previous());
        }
        AtomicFiles.delete(path(dataDir));
    }

    /**
     * Completes the batch that a crash interrupted, if there is a journal; before the store is read. A journal
     * that cannot be read is left alone and refused: which of its files are old or new is then unknown, and
     * serving part of a batch is what the journal is there to prevent.
     */
    static void recover(Path dataDir) throws IOException {
        // What a crash while the journal was written left: no file of its batch was touched yet.
        AtomicFiles.removeTemporaryFiles(dataDir);
        Path path = path(dataDir);
        if (!Files.exists(path)) {
            return;
        }
        ApplyJournal journal = read(dataDir);
        journal.complete();
        LOG.warn("A crash had interrupted an apply batch; completed it from {}: {}", path,
                String.join(", ", journal.entries.stream().map(Entry::label).toList()));
    }

    private ObjectNode document() {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        ArrayNode batch = document.putArray("batch");
        for (Entry entry : entries) {
            batch.addObject()
                    .put("kind", entry.kind().yamlName())
                    .put("name", entry.name())
                    .put("previous", entry.previous())
                    .put("new", entry.next());
        }
        // Last, so that a journal cut short lacks it; a cut inside a block scalar would still be YAML.
        document.put(CHECKSUM, StoredDocuments.hash(batch));
        return document;
    }

    private static ApplyJournal read(Path dataDir) throws IOException {
        Path path = path(dataDir);
        try {
            JsonNode document = READER.readTree(Files.readString(path, StandardCharsets.UTF_8));
            JsonNode batch = document == null ? null : document.get("batch");
            if (batch == null || !batch.isArray() || batch.isEmpty()) {
                throw new IllegalArgumentException("no batch");
            }
            if (!StoredDocuments.hash(batch).equals(text(document, CHECKSUM))) {
                throw new IllegalArgumentException("its checksum does not match its batch");
            }
            List<Entry> entries = new ArrayList<>();
            for (JsonNode entry : batch) {
                ResourceKind kind = ResourceKind.of(text(entry, "kind"))
                        .orElseThrow(() -> new IllegalArgumentException("unknown kind " + entry.get("kind")));
                String name = text(entry, "name");
                ResourceFiles.file(dataDir, kind, name);
                entries.add(new Entry(kind, name, entry.path("previous").isNull() ? null : text(entry, "previous"),
                        text(entry, "new")));
            }
            return new ApplyJournal(dataDir, entries);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IOException(path + " is not a complete apply journal (" + reason(e) + "). A crash interrupted an"
                    + " apply batch, and which of its resources are old or new is unknown, so the store does not open"
                    + " rather than serve part of it: compare the journal with " + dataDir
                    + "/<kind>/, then move it away and start again", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("no " + field);
        }
        return value.textValue();
    }

    /** Where the YAML broke, without the text around it: the journal may hold key material, never logged. */
    private static String reason(Exception e) {
        if (e instanceof JsonProcessingException yaml) {
            JsonLocation at = yaml.getLocation();
            return at == null ? "not YAML" : "not YAML at line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        return e.getMessage();
    }

    private static LoaderOptions unlimited() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        return options;
    }
}
