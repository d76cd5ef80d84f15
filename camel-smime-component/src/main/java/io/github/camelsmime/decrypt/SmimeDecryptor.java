package io.github.camelsmime.decrypt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import io.github.camelsmime.SmimeDecryptionException;
import io.github.camelsmime.SmimeLimitException;
import io.github.camelsmime.crypto.CmsInput;
import io.github.camelsmime.crypto.CryptoProviders;
import io.github.camelsmime.encrypt.ContentEncryption;
import io.github.camelsmime.keys.DecryptionKey;
import io.github.camelsmime.keys.DecryptionKeyAccessor;
import io.github.camelsmime.keys.RecipientIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.CMSAuthEnvelopedDataParser;
import org.bouncycastle.cms.CMSEnvelopedDataParser;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyAgreeRecipientId;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.KeyTransRecipientId;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipient;

/**
 * Opens EnvelopedData and AuthEnvelopedData with the configured keys, picking the key by matching the message's
 * RecipientInfos. Every failure after a key was found reads the same ("decryption failed"), so a sender probing with
 * modified ciphertext cannot tell a wrong key from bad padding or a bad tag.
 */
public final class SmimeDecryptor {

    /** More recipients than this is treated as an attempt to make decryption expensive. */
    public static final int MAX_RECIPIENTS = 1024;
    /** Shortest AEAD tag accepted (RFC 5084 allows 12 to 16 bytes). */
    public static final int MIN_TAG_LENGTH = 12;

    /**
     * What was opened.
     *
     * @param paddingValid false when the CBC padding of EnvelopedData was invalid: the plaintext was written
     *                     unstripped, and the layer must fail as a decryption failure after it was parsed like any
     *                     other (see {@link CbcPadding})
     */
    public record Result(String contentEncryptionAlgorithm, boolean authenticated, boolean paddingValid) {
    }

    private final CryptoProviders providers;
    /** Decryption keys in the key-transport provider's own form, converted once per key rather than per message. */
    private final java.util.Map<java.security.PrivateKey, java.security.PrivateKey> nativeKeys =
            new java.util.concurrent.ConcurrentHashMap<>();

    public SmimeDecryptor(CryptoProviders providers) {
        this.providers = providers;
    }

    /**
     * Decrypts into {@code plaintextOut}. For AuthEnvelopedData the tag is checked when the stream ends; the caller
     * writes into a private spool and releases nothing unless this method returns normally.
     */
    public Result decrypt(InputStream cms, boolean authenticated, DecryptionKeyAccessor keys, OutputStream plaintextOut) {
        return decrypt(cms, authenticated, keys, plaintextOut, Long.MAX_VALUE);
    }

    /**
     * As {@link #decrypt(InputStream, boolean, DecryptionKeyAccessor, OutputStream)}, knowing that the encoded message is at most
     * {@code sizeBound} bytes: AES-GCM content of a layer up to {@link BufferedGcmDecryptor#bound()} is decrypted in
     * one call on Corretto or the JDK, larger layers stream through Bouncy Castle.
     */
    public Result decrypt(InputStream cms, boolean authenticated, DecryptionKeyAccessor keys, OutputStream plaintextOut,
            long sizeBound) {
        RecipientInformationStore recipients;
        String algorithmOid;
        try {
            if (authenticated) {
                CMSAuthEnvelopedDataParser parser = new CMSAuthEnvelopedDataParser(cms);
                recipients = parser.getRecipientInfos();
                algorithmOid = parser.getEncAlgOID();
            } else {
                CMSEnvelopedDataParser parser = new CMSEnvelopedDataParser(cms);
                recipients = parser.getRecipientInfos();
                algorithmOid = parser.getEncryptionAlgOID();
            }
        } catch (CMSException | IOException | RuntimeException e) {
            throw CmsInput.unreadable("Unreadable encrypted data", e);
        }
        Collection<RecipientInformation> infos = recipients.getRecipients();
        if (infos.size() > MAX_RECIPIENTS) {
            throw new SmimeLimitException("The message has " + infos.size() + " recipients; at most " + MAX_RECIPIENTS
                    + " are examined");
        }
        for (RecipientInformation info : infos) {
            RecipientIdentifier id = identifierOf(info.getRID());
            List<DecryptionKey> candidates = id == null ? List.of() : keys.decryptionKeys(id);
            if (!candidates.isEmpty()) {
                CbcPadding padding = new CbcPadding();
                CorrettoRecipients.Options fast = new CorrettoRecipients.Options(providers.rsaKeyTransportDecryption(),
                        authenticated ? providers.aesGcmDecryption() : List.of(), sizeBound, padding);
                open(info, candidates.get(0), authenticated, providers.contentDecryption(authenticated), fast,
                        plaintextOut);
                return new Result(ContentEncryption.nameOf(algorithmOid), authenticated, padding.valid());
            }
        }
        throw new SmimeDecryptionException("None of the configured decryption keys is a recipient of this message"
                + " (recipients: " + describe(infos) + ")");
    }

    private void open(RecipientInformation info, DecryptionKey key, boolean authenticated,
            java.security.Provider contentProvider, CorrettoRecipients.Options fast, OutputStream out) {
        try (InputStream plain = info.getContentStream(recipient(info, key, authenticated, contentProvider, fast))
                .getContentStream()) {
            // the operator exists now: it decided whether the padding is ours to strip
            OutputStream stripped = fast.padding().strip(out);
            plain.transferTo(stripped);
            if (stripped != out) {
                stripped.close();
            }
        } catch (CMSException | IOException | RuntimeException e) {
            // one message for wrong key, bad padding and bad tag alike; the cause stays for the operator's logs
            throw new SmimeDecryptionException(SmimeDecryptionException.MESSAGE, e);
        }
    }

    private Recipient recipient(RecipientInformation info, DecryptionKey key, boolean authenticated,
            java.security.Provider contentProvider, CorrettoRecipients.Options fast) {
        if (info instanceof KeyTransRecipientInformation) {
            java.security.PrivateKey fastKey = fast.rsa() == null ? null : nativeKeys.computeIfAbsent(
                    key.privateKey(), k -> CryptoProviders.nativeKey(k, fast.rsa()));
            return CorrettoRecipients.keyTransport(key.privateKey(), fastKey, fast, authenticated, r -> {
                r.setKeySizeValidation(true);
                r.setMinimumTagSize(MIN_TAG_LENGTH);
                if (providers.keyManagement() != null) {
                    r.setProvider(providers.keyManagement());
                }
                r.setContentProvider(contentProvider);
            });
        }
        if (info instanceof KeyAgreeRecipientInformation) {
            JceKeyAgreeRecipient r = authenticated
                    ? new CorrettoRecipients.KeyAgreeAuthEnveloped(key.privateKey(), fast)
                    : new CorrettoRecipients.KeyAgreeEnveloped(key.privateKey(), fast.padding());
            r.setMinimumTagSize(MIN_TAG_LENGTH);
            if (providers.keyManagement() != null) {
                r.setProvider(providers.keyManagement());
            }
            r.setContentProvider(contentProvider);
            return r;
        }
        throw new SmimeDecryptionException("Unsupported recipient type " + info.getClass().getSimpleName());
    }

    /** Key transport and key agreement recipients name a certificate; other kinds (KEK, password) are not ours. */
    private static RecipientIdentifier identifierOf(RecipientId rid) {
        X500Name issuer;
        java.math.BigInteger serial;
        byte[] ski;
        if (rid instanceof KeyTransRecipientId kt) {
            issuer = kt.getIssuer();
            serial = kt.getSerialNumber();
            ski = kt.getSubjectKeyIdentifier();
        } else if (rid instanceof KeyAgreeRecipientId ka) {
            issuer = ka.getIssuer();
            serial = ka.getSerialNumber();
            ski = ka.getSubjectKeyIdentifier();
        } else {
            return null;
        }
        try {
            return issuer != null && serial != null
                    ? RecipientIdentifier.ofIssuerAndSerialNumber(new X500Principal(issuer.getEncoded()), serial)
                    : ski != null ? RecipientIdentifier.ofSubjectKeyIdentifier(ski) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String describe(Collection<RecipientInformation> infos) {
        List<String> ids = new ArrayList<>();
        for (RecipientInformation info : infos) {
            if (ids.size() == 5) {
                ids.add("...");
                break;
            }
            RecipientIdentifier id = identifierOf(info.getRID());
            ids.add(id != null ? id.toString() : info.getRID().getClass().getSimpleName());
        }
        return String.join("; ", ids);
    }
}
