package io.github.camelsmime;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.mail.Header;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.apache.camel.CamelContext;

import io.github.camelsmime.crypto.CryptoProviders;
import io.github.camelsmime.decrypt.SmimeDecompressor;
import io.github.camelsmime.decrypt.SmimeDecryptor;
import io.github.camelsmime.encrypt.ContentEncryption;
import io.github.camelsmime.encrypt.KeyEncryption;
import io.github.camelsmime.encrypt.SmimeCompressor;
import io.github.camelsmime.encrypt.SmimeEncryptor;
import io.github.camelsmime.keys.RecipientDirectory;
import io.github.camelsmime.mime.Entities;
import io.github.camelsmime.mime.Entity;
import io.github.camelsmime.mime.MessageAssembler;
import io.github.camelsmime.mime.MessageWriter;
import io.github.camelsmime.mime.Spool;
import io.github.camelsmime.mime.StreamProviderScope;
import io.github.camelsmime.sign.SmimeSigner;
import io.github.camelsmime.trust.AlgorithmPolicy;
import io.github.camelsmime.trust.OnlineRevocation;
import io.github.camelsmime.trust.RevocationSources;
import io.github.camelsmime.trust.SenderBinding;
import io.github.camelsmime.trust.TrustValidator;
import io.github.camelsmime.unwrap.AuthenticationResults;
import io.github.camelsmime.unwrap.Unwrapper;
import io.github.camelsmime.verify.SignatureVerifier;

/**
 * What both faces ({@link SmimeProducer} and {@link SmimeDataFormat}) delegate to: resolves keys once, then protects
 * (sign, encrypt, sign-encrypt, compress) or opens (verify, decrypt, unwrap) messages. Knows Camel only to resolve
 * key resources; the work itself is done by the sign, encrypt, unwrap, verify, decrypt and trust packages.
 */
public final class SmimeEngine {

    private static final SmimeCompressor COMPRESSOR = new SmimeCompressor();

    private final SmimeConfiguration cfg;
    private final CryptoProviders providers;
    private final SmimeSigner signer;
    private final SmimeEncryptor encryptor;
    private final List<X509Certificate> explicitRecipients;
    private final RecipientDirectory directory;
    private final Unwrapper unwrapper;
    private final boolean hasRecipientSources;
    private final String authservId;
    private final Spool.Settings spools;

    public SmimeEngine(CamelContext context, SmimeConfiguration cfg) {
        this.cfg = cfg;
        this.spools = cfg.spoolSettings();
        this.providers = CryptoProviders.of(cfg.getProvider());
        KeyMaterial keys = new KeyMaterial(context, cfg);
        this.signer = keys.hasSigner() ? new SmimeSigner(keys.signer(), cfg.getSignatureAlgorithm(), providers) : null;
        this.hasRecipientSources = keys.hasRecipientSources();
        this.explicitRecipients = keys.explicitRecipients();
        this.directory = keys.recipientDirectory();
        this.encryptor = new SmimeEncryptor(ContentEncryption.parse(cfg.getEncryptionAlgorithm()),
                KeyEncryption.valueOf(cfg.getKeyEncryptionAlgorithm().trim().toUpperCase(Locale.ROOT)), providers);
        List<X509Certificate> anchors = keys.trustAnchors();
        List<X509Certificate> intermediates = keys.intermediates();
        List<X509Certificate> configured = new ArrayList<>(anchors);
        configured.addAll(intermediates);
        this.unwrapper = new Unwrapper(new SignatureVerifier(providers, configured), new SmimeDecryptor(providers),
                new SmimeDecompressor(cfg.getMaxInflatedSize()), trustValidator(keys, anchors, intermediates),
                keys.decryptionKeys(),
                cfg.getMaxDepth(), new SenderBinding(SenderBinding.Mode.parse(cfg.getSenderBinding())),
                cfg.isAllowUnauthenticatedEncryption(), spools);
        this.authservId = cfg.getAuthservId() != null && !cfg.getAuthservId().isBlank() ? cfg.getAuthservId().trim()
                : AuthenticationResults.defaultAuthservId();
    }

    /** The certificate policy: anchors, intermediates, validation time, algorithm strength and revocation sources. */
    private TrustValidator trustValidator(KeyMaterial keys, List<X509Certificate> anchors,
            List<X509Certificate> intermediates) {
        Supplier<Date> clock = validationTime(cfg.getValidationTime());
        OnlineRevocation online = cfg.isEnableCrlDistributionPoints() || cfg.isEnableOcsp()
                ? new OnlineRevocation(cfg.isEnableCrlDistributionPoints(), cfg.isEnableOcsp(),
                        cfg.getRevocationTimeoutMillis(), Duration.ofSeconds(cfg.getRevocationCacheSeconds()))
                : null;
        return new TrustValidator(anchors, intermediates, clock,
                new AlgorithmPolicy(cfg.isAllowSha1(), cfg.isAllowDsa(), cfg.getMinimumRsaKeySize()),
                new RevocationSources(keys.crls(), online, cfg.isRequireRevocationStatus()));
    }

    /** Now, unless a fixed instant (ISO-8601 or epoch seconds) is configured. */
    static Supplier<Date> validationTime(String configured) {
        if (configured == null || configured.isBlank()) {
            return Date::new;
        }
        String text = configured.trim();
        try {
            Date fixed = text.chars().allMatch(Character::isDigit)
                    ? Date.from(Instant.ofEpochSecond(Long.parseLong(text))) : Date.from(Instant.parse(text));
            return () -> fixed;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("validationTime must be an ISO-8601 instant such as"
                    + " 2006-09-01T10:00:00Z or seconds since the epoch, not " + configured, e);
        }
    }

    /** The authserv-id of the Authentication-Results values this engine produces. */
    public String authservId() {
        return authservId;
    }

    /** The marshal operation the data format performs: derived from what is configured. */
    public SmimeOperation defaultMarshalOperation() {
        if (signer != null && hasRecipientSources) {
            return SmimeOperation.signEncrypt;
        }
        if (signer != null) {
            return SmimeOperation.sign;
        }
        if (hasRecipientSources) {
            return SmimeOperation.encrypt;
        }
        if (cfg.isCompress()) {
            return SmimeOperation.compress;
        }
        throw new IllegalArgumentException("The smime data format needs a signer, recipients or compress=true");
    }

    /** Sign, encrypt, sign-encrypt or compress, writing a complete message to {@code out}. */
    public void protect(SmimeOperation operation, MessageAssembler.Input input, OutputStream out) throws Exception {
        try (StreamProviderScope scope = StreamProviderScope.enter();
                MessageAssembler.Assembled message = MessageAssembler.assemble(input, spools)) {
            Entity entity = Entities.content(message.content());
            boolean signs = operation == SmimeOperation.sign || operation == SmimeOperation.signEncrypt;
            boolean encrypts = operation == SmimeOperation.encrypt || operation == SmimeOperation.signEncrypt;
            if (signs) {
                requireSigner(operation);
                entity = cfg.isDetached() ? signer.detached(entity) : signer.opaque(entity);
            }
            if (operation == SmimeOperation.compress || cfg.isCompress()) {
                entity = COMPRESSOR.compress(entity);
            }
            if (encrypts) {
                entity = encryptor.encrypt(entity, recipients(message.outerHeaders()));
            }
            MessageWriter.write(message.outerHeaders(), entity, out);
        }
    }

    /** Verify, decrypt or unwrap; the caller closes the result when the content has been consumed. */
    public Unwrapper.Opened open(SmimeOperation operation, InputStream in) {
        try (StreamProviderScope scope = StreamProviderScope.enter()) {
            return unwrapper.open(in, operation, cfg.isRequireSigned(), cfg.isReportOnly());
        }
    }

    private void requireSigner(SmimeOperation operation) {
        if (signer == null) {
            throw new IllegalArgumentException("Operation " + operation + " needs a signer: set signerKeyStore,"
                    + " signerKeyStoreParameters or signerPrivateKey + signerCertificate");
        }
    }

    /** Explicit certificates, plus a certificate for each configured address (or each To/Cc address). */
    private List<X509Certificate> recipients(List<Header> outerHeaders) {
        Set<X509Certificate> result = new LinkedHashSet<>(explicitRecipients);
        List<String> addresses = cfg.getRecipients() != null && !cfg.getRecipients().isBlank()
                ? List.of(cfg.getRecipients().split(","))
                : explicitRecipients.isEmpty() ? addressesOf(outerHeaders) : List.of();
        List<String> unknown = new ArrayList<>();
        for (String address : addresses) {
            if (address.isBlank()) {
                continue;
            }
            directory.find(address.trim()).ifPresentOrElse(result::add, () -> unknown.add(address.trim()));
        }
        if (!unknown.isEmpty()) {
            throw new SmimeException("No valid encryption certificate known for " + String.join(", ", unknown));
        }
        if (cfg.isEncryptToSelf()) {
            requireSigner(SmimeOperation.encrypt);
            result.add(signer.certificate());
        }
        if (result.isEmpty()) {
            throw new SmimeException("No recipients to encrypt to: set recipients, recipientCertificates, or To/Cc"
                    + " addresses with recipientCertificateDir or recipientKeyStore");
        }
        return new ArrayList<>(result);
    }

    private static List<String> addressesOf(List<Header> headers) {
        List<String> result = new ArrayList<>();
        for (Header h : headers) {
            if (h.getName().equalsIgnoreCase("To") || h.getName().equalsIgnoreCase("Cc")) {
                try {
                    for (InternetAddress a : InternetAddress.parseHeader(h.getValue(), false)) {
                        result.add(a.getAddress());
                    }
                } catch (AddressException e) {
                    throw new SmimeFormatException("Unreadable " + h.getName() + " header: " + e.getMessage(), e);
                }
            }
        }
        return result;
    }

    /** Where this engine's spools go (threshold and folder). */
    public Spool.Settings spools() {
        return spools;
    }

    public CryptoProviders providers() {
        return providers;
    }
}
