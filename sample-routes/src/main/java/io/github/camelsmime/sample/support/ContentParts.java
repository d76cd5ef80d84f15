package io.github.camelsmime.sample.support;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.SharedFileInputStream;

import io.github.camelsmime.SmimeLimitException;

/**
 * Every leaf part of an opened entity: the first is the document, the others are its attachments (nested
 * multiparts are walked, an attached message is one part). A single part is decoded straight from the stream; a
 * multipart is first written to a hidden scratch file in the output folder (where its parts go in clear anyway) and
 * read from there as windows into that file, so no part is held in memory. The scratch file is deleted on close. The
 * number of parts is bounded by the component ({@code maxParts}), which counted them before it opened the content.
 */
public final class ContentParts implements Closeable {

    /** Deeper nesting than any mail client produces; bounds the recursion of the walk. */
    private static final int MAX_DEPTH = 16;

    private final OpenedEntity single;
    private final List<Part> leaves;
    private final Path scratch;
    private final SharedFileInputStream shared;

    private ContentParts(OpenedEntity single, List<Part> leaves, Path scratch, SharedFileInputStream shared) {
        this.single = single;
        this.leaves = leaves;
        this.scratch = scratch;
        this.shared = shared;
    }

    /** Reads the opened entity; a multipart goes through a scratch file in {@code scratchDir}. */
    public static ContentParts read(InputStream opened, Path scratchDir)
            throws IOException, MessagingException {
        OpenedEntity entity = OpenedEntity.read(opened);
        if (!entity.multipart()) {
            return new ContentParts(entity, List.of(), null, null);
        }
        Files.createDirectories(scratchDir);
        Path scratch = scratchDir.resolve("." + UUID.randomUUID() + ".parts.tmp");
        SharedFileInputStream shared = null;
        try (InputStream whole = entity.whole()) {
            Files.copy(whole, scratch);
            shared = new SharedFileInputStream(scratch.toFile());
            List<Part> leaves = new ArrayList<>();
            walk(new MimeBodyPart(shared), leaves, 0);
            return new ContentParts(null, leaves, scratch, shared);
        } catch (IOException | MessagingException | RuntimeException e) {
            if (shared != null) {
                shared.close();
            }
            Files.deleteIfExists(scratch);
            throw e;
        }
    }

    private static void walk(Part part, List<Part> leaves, int depth) throws IOException, MessagingException {
        if (!part.isMimeType("multipart/*")) {
            leaves.add(part);
            return;
        }
        if (depth >= MAX_DEPTH) {
            throw new SmimeLimitException("The content nests multiparts deeper than " + MAX_DEPTH + " levels");
        }
        MimeMultipart multipart = (MimeMultipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            walk(multipart.getBodyPart(i), leaves, depth + 1);
        }
    }

    /** The document's file name as the sender gave it, or null. */
    public String mainFileName() throws MessagingException {
        return single != null ? single.fileName() : leaves.isEmpty() ? null : leaves.get(0).getFileName();
    }

    /** The document, decoded (empty when a multipart has no part). */
    public InputStream mainContent() throws IOException, MessagingException {
        if (single != null) {
            return single.decoded();
        }
        return leaves.isEmpty() ? InputStream.nullInputStream() : leaves.get(0).getInputStream();
    }

    /** The other parts, in order. */
    public List<Part> attachments() {
        return leaves.isEmpty() ? List.of() : leaves.subList(1, leaves.size());
    }

    @Override
    public void close() throws IOException {
        try {
            if (single != null) {
                single.close();
            }
            if (shared != null) {
                shared.close();
            }
        } finally {
            if (scratch != null) {
                Files.deleteIfExists(scratch);
            }
        }
    }
}
