package io.github.camelsmime;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.junit.jupiter.api.Test;

import io.github.camelsmime.SpoofKit.Signer;
import io.github.camelsmime.unwrap.Verdict;
import io.github.camelsmime.verify.SignerResult;

import static io.github.camelsmime.SpoofKit.ENTITY;
import static io.github.camelsmime.SpoofKit.bytes;
import static io.github.camelsmime.SpoofKit.headers;
import static io.github.camelsmime.SpoofKit.pkcs7Entity;
import static io.github.camelsmime.SpoofKit.pki;
import static io.github.camelsmime.SpoofKit.signedData;
import static io.github.camelsmime.SpoofKit.signedEntity;
import static org.assertj.core.api.Assertions.assertThat;

/** Signature spoofing on the CMS level, each with its own generated message signed by a trusted signer. */
class CmsSpoofingTest extends SmimeTestSupport {

    private static final String VERIFY = "smime:verify?" + trust();
    private static final String ALICE_FROM = "alice@example.com";
    private static final Signer ALICE = pki("alice");
    private static final Signer BOB = pki("bob");

    private static SmimeSignatureException badSignature(Exception e, String check) {
        assertThat(e).isInstanceOf(SmimeSignatureException.class);
        assertThat(((SmimeException) e).getCheck()).as(e.getMessage()).isEqualTo(check);
        return (SmimeSignatureException) e;
    }

    /** multipart/signed whose CMS also embeds other content: the shown part must decide, and it is refused. */
    @Test
    void detachedSignatureCarryingItsOwnContentIsRefused() {
        String shown = "Content-Type: text/plain\r\n\r\nPay 10000 EUR to Eve.\r\n";
        byte[] signedOriginal = signedData(bytes(ENTITY), true, ALICE.chain(), null, ALICE);
        String message = headers(ALICE_FROM) + signedEntity(shown, signedOriginal);
        SmimeSignatureException e = badSignature(failure(VERIFY, message), "signature");
        assertThat(e.getMessage()).contains("embedded content");
    }

    /** Two signers, one of them over other content: fail closed, whatever the good signer says. */
    @Test
    void oneBadSignerAmongTwoFailsTheMessage() throws Exception {
        CMSSignedData good = new CMSSignedData(signedData(bytes(ENTITY), false, ALICE.chain(), null, ALICE));
        CMSSignedData other = new CMSSignedData(signedData(bytes("something else"), false, BOB.chain(), null, BOB));
        List<SignerInformation> both = new ArrayList<>(good.getSignerInfos().getSigners());
        both.addAll(other.getSignerInfos().getSigners());
        CMSSignedData merged = CMSSignedData.replaceSigners(good, new SignerInformationStore(both));
        String message = headers(ALICE_FROM) + signedEntity(ENTITY, merged.getEncoded());

        badSignature(failure(VERIFY, message), "signature");
        Exchange reported = send(VERIFY + "&reportOnly=true", message);
        assertThat(reported.getMessage().getHeader(SmimeConstants.SIGNATURE_VALID, Boolean.class)).isFalse();
        assertThat(reported.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isFalse();
        List<?> signers = reported.getMessage().getHeader(SmimeConstants.SIGNERS, List.class);
        assertThat(signers).hasSize(2);
        assertThat(signers.stream().map(s -> ((SignerResult) s).signatureValid())).containsExactlyInAnyOrder(true,
                false);
        assertThat(reported.getMessage().getHeader(SmimeConstants.AUTHENTICATION_RESULTS, String.class))
                .contains("smime=fail").doesNotContain("smime=pass");
    }

    @Test
    void signedDataWithoutSignersIsNotASignedMessage() {
        String detached = headers(ALICE_FROM) + signedEntity(ENTITY, signedData(bytes(ENTITY), false,
                ALICE.chain(), null));
        SmimeSignatureException e = badSignature(failure(VERIFY, detached), "not-signed");
        assertThat(e.getMessage()).contains("no signers");

        String opaque = headers(ALICE_FROM) + pkcs7Entity("signed-data", signedData(bytes(ENTITY), true,
                ALICE.chain(), null));
        Exchange unwrapped = send("smime:unwrap?requireSigned=false&" + trust(), opaque);
        assertThat(unwrapped.getMessage().getHeader(SmimeConstants.SIGNED, Boolean.class)).isFalse();
        assertThat(unwrapped.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isFalse();
        assertThat(unwrapped.getMessage().getHeader(SmimeConstants.SIGNATURE_VALID)).isNull();
        assertThat(unwrapped.getMessage().getHeader(SmimeConstants.AUTHENTICATION_RESULTS, String.class))
                .endsWith("; smime=none");
        badSignature(failure("smime:unwrap?" + trust() + "&requireSigned=true", opaque), "not-signed");
    }

    @Test
    void signerWhoseCertificateIsMissingIsInvalid() {
        String message = headers(ALICE_FROM) + signedEntity(ENTITY, signedData(bytes(ENTITY), false,
                List.of(PKI.intermediate()), null, ALICE));
        SmimeSignatureException e = badSignature(failure(VERIFY, message), "signature");
        assertThat(e.getMessage()).contains("not included in the message");
    }

    @Test
    void tamperedContentIsInvalid() {
        String message = headers(ALICE_FROM) + signedEntity(ENTITY.replace("Alice", "Eve"),
                signedData(bytes(ENTITY), false, ALICE.chain(), null, ALICE));
        badSignature(failure(VERIFY, message), "signature");
    }

    /** A signature over ciphertext says nothing about the plaintext: the content is not signed. */
    @Test
    void signatureOnlyOverTheEncryptedDataDoesNotSignTheContent() {
        Exchange encrypted = send("smime:encrypt?" + recipient("bob"), bytes(MESSAGE));
        Exchange signedCiphertext = send("smime:sign?" + signer("alice"), bodyOf(encrypted));
        String unwrap = "smime:unwrap?requireSigned=false&" + trust() + "&" + decryptor("bob");
        Exchange opened = send(unwrap, bodyOf(signedCiphertext));
        assertThat(opened.getMessage().getHeader(SmimeConstants.LAYERS)).isEqualTo("signed,encrypted");
        assertThat(opened.getMessage().getHeader(SmimeConstants.SIGNATURE_VALID, Boolean.class)).isTrue();
        assertThat(opened.getMessage().getHeader(SmimeConstants.SIGNED, Boolean.class)).isFalse();
        // the signer is fine (trusted speaks of signers); what it signed is not the content
        assertThat(opened.getMessage().getHeader(SmimeConstants.TRUSTED, Boolean.class)).isTrue();
        assertThat(opened.getMessage().getHeader(SmimeConstants.AUTHENTICATION_RESULTS, String.class))
                .endsWith("; smime=none");
        Verdict verdict = opened.getMessage().getHeader(SmimeConstants.VERDICT, Verdict.class);
        assertThat(verdict.sender().status().code()).isEqualTo("none");

        SmimeSignatureException e = badSignature(failure(unwrap.replace("requireSigned=false&", ""),
                bodyOf(signedCiphertext)), "not-signed");
        assertThat(e.getMessage()).contains("only covers the encrypted data");
    }
}
