package io.github.camelsmime.mime;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A MIME entity that writes itself: header lines, the empty line, the body. The protecting layers (signed,
 * compressed, encrypted) are entities around an inner entity, and the whole message is written in one pass from the
 * innermost content outwards: the content is read once, and only header lines and a signature are ever held in
 * memory. (Bouncy Castle's S/MIME generators write a detached content twice, once for the digest and once into the
 * multipart, and go through Jakarta Mail's data handlers for every layer.) See {@link Entities} for the pieces.
 */
@FunctionalInterface
public interface Entity {

    void writeTo(OutputStream out) throws IOException;
}
