package io.legate.admin.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.legate.resource.LoadResult;
import io.legate.resource.Resource;
import io.legate.resource.model.ResourceKind;
import io.legate.resource.ResourceLoader;
import io.legate.testing.Mappings;
import io.legate.testing.TestCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An apply batch is all or nothing on disk: through a crash (its journal is completed when the store opens) and
 * through a failed write (the files written before it are put back). The failure is a real one: a directory
 * where a file of the batch must go, which no rename can replace (tests run as root, so permissions would not do).
 */
class ApplyJournalTest {

    private static final ResourceLoader LOADER = new ResourceLoader();
    /** As written by hand: the bytes must come back as they were, not as the store would write them. */
    private static final String OLD_A = "# edited by hand\n" + Mappings.grpc("a", "/old.A/", "127.0.0.1:1");

    @TempDir
    Path data;

    private final List<List<Resource>> published = new ArrayList<>();
    private ResourceStore store;

    private final Resource newA = mapping("a", "/new.A/");
    private final Resource newB = mapping("b", "/new.B/");
    private final Resource newC = mapping("c", "/new.C/");

    @BeforeEach
    void openStoreWithOneHandWrittenMapping() throws IOException {
        Files.createDirectories(file("a").getParent());
        Files.writeString(file("a"), OLD_A);
        store = open();
    }

    @Test
    void aBatchWritesEveryFileAndLeavesNoJournal() throws Exception {
        store.apply(List.of(newA, newB, newC));

        for (Resource resource : List.of(newA, newB, newC)) {
            assertArrayEquals(storedBytes(resource), Files.readAllBytes(file(resource.name())), resource.label());
        }
        assertEquals(List.of(), dotFiles());
    }

    @Test
    void aBatchThatACrashInterruptedIsCompletedWhenTheStoreOpens() throws Exception {
        crashAfterWriting(1, List.of(newA, newB, newC));

        ResourceStore reopened = open();

        for (Resource resource : List.of(newA, newB, newC)) {
            assertArrayEquals(storedBytes(resource), Files.readAllBytes(file(resource.name())), resource.label());
            assertEquals(StoredDocuments.stamp(resource).version(),
                    reopened.get(ResourceKind.MAPPING, resource.name()).orElseThrow().version(), resource.label());
        }
        assertEquals(List.of(), reopened.loadProblems());
    }

    @Test
    void aCompletedJournalIsDeleted() throws Exception {
        crashAfterWriting(1, List.of(newA, newB, newC));

        open();

        assertEquals(List.of(), dotFiles());
    }

    @Test
    void aJournalThatACrashCutShortIsRemovedAndNothingOfItsBatchIsStored() throws Exception {
        Files.writeString(data.resolve(AtomicFiles.TEMP_PREFIX + "journal"), "batch:\n- kind: \"Mapping\"\n");

        ResourceStore reopened = open();

        assertEquals(List.of(), dotFiles());
        assertEquals(OLD_A, Files.readString(file("a")));
        assertEquals(List.of("a"), reopened.list(ResourceKind.MAPPING).stream().map(StoredResource::name).toList());
    }

    @Test
    void aJournalThatCannotBeReadKeepsTheStoreFromOpeningAndIsKept() throws Exception {
        crashAfterWriting(1, List.of(newA, newB, newC));
        Path journal = ApplyJournal.path(data);
        byte[] whole = Files.readAllBytes(journal);
        byte[] torn = Arrays.copyOf(whole, whole.length / 2);
        Files.write(journal, torn);

        IOException refused = assertThrows(IOException.class, this::open);

        assertTrue(refused.getMessage().contains(journal.toString()), refused.getMessage());
        assertArrayEquals(torn, Files.readAllBytes(journal));
        assertFalse(Files.exists(file("b")));
    }

    @Test
    void aJournalLargerThanTheYamlParsersDefaultLimitIsCompleted() throws Exception {
        // A comment: the file holds no resource, so only the journal has to read all of it.
        Files.writeString(file("b"), ("# " + "x".repeat(70) + "\n").repeat(46_000));
        crashAfterWriting(0, List.of(newB));

        open();

        assertArrayEquals(storedBytes(newB), Files.readAllBytes(file("b")));
    }

    @Test
    void aJournalHoldingASecretIsReadableByItsOwnerOnly() throws Exception {
        Resource secret = parse(TestCertificates.secretYaml("key", TestCertificates.server(TestCertificates.ca("CA"), "a"), null));
        crashAfterWriting(0, List.of(newA, secret));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ApplyJournal.path(data))));
    }

    @Test
    void aFailedWriteMidBatchPutsBackTheFilesWrittenBeforeIt() throws Exception {
        blockFile("c");

        assertThrows(StoreWriteException.class, () -> store.apply(List.of(newA, newB, newC)));

        assertEquals(OLD_A, Files.readString(file("a")));
        assertFalse(Files.exists(file("b")));
    }

    @Test
    void aFailedBatchLeavesTheIndexAsItWas() throws Exception {
        String oldVersion = store.get(ResourceKind.MAPPING, "a").orElseThrow().version();
        blockFile("c");

        assertThrows(StoreWriteException.class, () -> store.apply(List.of(newA, newB, newC)));

        assertEquals(oldVersion, store.get(ResourceKind.MAPPING, "a").orElseThrow().version());
        assertTrue(store.get(ResourceKind.MAPPING, "b").isEmpty());
    }

    @Test
    void aFailedBatchDoesNotRebuildTheRoutes() throws Exception {
        blockFile("c");

        assertThrows(StoreWriteException.class, () -> store.apply(List.of(newA, newB, newC)));

        assertEquals(List.of(), published);
    }

    @Test
    void aFailedBatchNamesTheResourceThatCouldNotBeWritten() throws Exception {
        blockFile("c");

        StoreWriteException failure = assertThrows(StoreWriteException.class, () -> store.apply(List.of(newA, newB, newC)));

        assertEquals("Mapping/c", failure.resource());
        assertTrue(failure.getMessage().startsWith("Mapping/c could not be written"), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("nothing of the batch is stored"), failure.getMessage());
    }

    @Test
    void aFailedBatchLeavesNoJournal() throws Exception {
        blockFile("c");

        assertThrows(StoreWriteException.class, () -> store.apply(List.of(newA, newB, newC)));

        assertEquals(List.of(), dotFiles());
    }

    /**
     * Leaves the data directory as a process killed during {@code apply} would: the batch's journal written, then
     * the first {@code files} of its files, each by the code that writes them.
     */
    private void crashAfterWriting(int files, List<Resource> batch) throws IOException {
        List<ApplyJournal.Entry> entries = new ArrayList<>();
        for (Resource resource : batch) {
            entries.add(ApplyJournal.entry(data, StoredDocuments.stamp(resource)));
        }
        new ApplyJournal(data, entries).begin();
        for (ApplyJournal.Entry entry : entries.subList(0, files)) {
            ResourceFiles.settle(data, entry.kind(), entry.name(), entry.next());
        }
    }

    /** A non-empty directory where the file of Mapping {@code name} goes: renaming a file onto it fails. */
    private void blockFile(String name) throws IOException {
        Files.createDirectories(file(name).resolve("in-the-way"));
    }

    private ResourceStore open() throws IOException {
        return FileStore.open(data, LOADER, (before, after) -> List.of(), published::add);
    }

    private Path file(String mapping) {
        return data.resolve("mappings").resolve(mapping + ".yaml");
    }

    /** What the data directory holds besides the kinds' directories: journals and temporary files. */
    private List<Path> dotFiles() throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static byte[] storedBytes(Resource resource) {
        return StoredDocuments.yaml(StoredDocuments.stamp(resource));
    }

    private static Resource mapping(String name, String prefix, String... extraSpecLines) {
        return parse(Mappings.grpc(name, prefix, "127.0.0.1:50051", extraSpecLines));
    }

    private static Resource parse(String yaml) {
        LoadResult loaded = LOADER.parse("test", yaml);
        assertEquals(List.of(), loaded.errors());
        return loaded.resources().get(0);
    }
}
