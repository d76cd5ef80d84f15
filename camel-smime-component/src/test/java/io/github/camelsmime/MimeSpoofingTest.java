package io.github.camelsmime;

import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import io.github.camelsmime.SpoofKit.Signer;
import io.github.camelsmime.unwrap.EmbeddedPart;
import io.github.camelsmime.unwrap.Verdict;

import static io.github.camelsmime.SpoofKit.ENTITY;
import static io.github.camelsmime.SpoofKit.detachedSignature;
import static io.github.camelsmime.SpoofKit.headers;
import static io.github.camelsmime.SpoofKit.multipart;
import static io.github.camelsmime.SpoofKit.pki;
import static io.github.camelsmime.SpoofKit.signedEntity;
import static io.github.camelsmime.SpoofKit.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MIME wrapping attacks: a genuinely signed part placed inside an unsigned root. The verdict never calls such a
 * message signed; it says "partially signed" and names the covered part (IMAP part number and Content-ID). The body
 * is left as it came: nothing is unwrapped into a message that looks signed.
 */
class MimeSpoofingTest extends SmimeTestSupport {

    private static final String VERIFY = "smime:verify?" + trust();
    private static final String UNWRAP = "smime:unwrap?requireSigned=false&" + trust();
    private static final Signer ALICE = pki("alice");
    private static final String SIGNED_PART = signedEntity(ENTITY, detachedSignature(ENTITY, ALICE));
    private static final String BAIT = text("Correction: pay the invoice to Eve instead, account DE00 1234.");

    private static String message(String root) {
        return headers("alice@example.com") + root;
    }

    /** verify refuses, unwrap reports; both name the covered part. Returns the unwrap verdict. */
    private Verdict assertPartiallySigned(String message, String expectedParts) {
        Exception e = failure(VERIFY, message);
        assertThat(e).isInstanceOf(SmimeSignatureException.class);
        assertThat(((SmimeException) e).getCheck()).isEqualTo("partially-signed");
        assertThat(e.getMessage()).contains("not signed as a whole").contains("part " + expectedParts);

        Exchange unwrapped = send(UNWRAP, message);
        assertThat(unwrapped.getMessage().getHeader(SmimeConstants.SIGNED, Boolean.class)).isFalse();
        assertThat(unwrapped.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isFalse();
        assertThat(unwrapped.getMessage().getHeader(SmimeConstants.PARTIALLY_SIGNED, Boolean.class)).isTrue();
        assertThat(unwrapped.getMessage().getHeader(SmimeConstants.SIGNED_PARTS)).isEqualTo(expectedParts);
        assertThat(unwrapped.getMessage().getHeader(SmimeConstants.LAYERS)).isEqualTo("");
        assertThat(bodyOf(unwrapped)).isEqualTo(message);
        String results = unwrapped.getMessage().getHeader(SmimeConstants.AUTHENTICATION_RESULTS, String.class);
        assertThat(results).contains("smime=policy reason=\"partially-signed\"")
                .contains("body.smime-part=" + expectedParts.split(" ")[0]).doesNotContain("smime=pass");

        Exception required = failure(UNWRAP.replace("requireSigned=false&", ""), message);
        assertThat(((SmimeException) required).getCheck()).isEqualTo("partially-signed");
        return unwrapped.getMessage().getHeader(SmimeConstants.VERDICT, Verdict.class);
    }

    @Test
    void unsignedTextPrependedInAnOuterMixed() {
        Verdict verdict = assertPartiallySigned(message(multipart("mixed", BAIT, SIGNED_PART)), "2");
        EmbeddedPart part = verdict.parts().get(0);
        assertThat(part.signatureValid()).isTrue();
        assertThat(part.trusted()).isTrue();
        assertThat(part.signers().get(0).emailAddresses()).containsExactly("alice@example.com");
    }

    @Test
    void unsignedTextAppendedInAnOuterMixed() {
        assertPartiallySigned(message(multipart("mixed", SIGNED_PART, BAIT)), "1");
    }

    @Test
    void signedPartDemotedToAnAttachment() {
        String attachment = SIGNED_PART.replaceFirst("\r\n\r\n",
                "\r\nContent-Disposition: attachment; filename=\"original.eml\"\r\n\r\n");
        assertPartiallySigned(message(multipart("mixed", BAIT, attachment)), "2");
    }

    @Test
    void signedPartReferencedByContentId() {
        String html = "Content-Type: text/html; charset=us-ascii\r\n\r\n"
                + "<p>Pay Eve.</p><iframe src=\"cid:signed@spoof.example\"></iframe>\r\n";
        String referenced = SIGNED_PART.replaceFirst("\r\n\r\n", "\r\nContent-ID: <signed@spoof.example>\r\n\r\n");
        assertPartiallySigned(message(multipart("related", html, referenced)), "2 <signed@spoof.example>");
    }

    @Test
    void signedPartNestedDeeperIsNamedByItsFullPosition() {
        assertPartiallySigned(message(multipart("mixed", BAIT, multipart("mixed", text("hello"), SIGNED_PART))),
                "2.2");
    }

    @Test
    void aTamperedSignedPartIsReportedInvalid() {
        String tampered = SIGNED_PART.replace("Alice", "Eve");
        Verdict verdict = assertPartiallySigned(message(multipart("mixed", BAIT, tampered)), "2");
        assertThat(verdict.parts().get(0).signatureValid()).isFalse();
        assertThat(verdict.parts().get(0).trusted()).isFalse();
    }
}
