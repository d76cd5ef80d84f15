package io.github.camelsmime;

import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.mail.Header;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.apache.camel.CamelContext;
import org.apache.camel.support.LRUCacheFactory;

import io.github.camelsmime.crypto.CryptoProviders;
import io.github.camelsmime.decrypt.SmimeDecompressor;
import io.github.camelsmime.decrypt.SmimeDecryptor;
import io.github.camelsmime.encrypt.SmimeCompressor;
import io.github.camelsmime.encrypt.SmimeEncryptor;
import io.github.camelsmime.keys.Certificates;
import io.github.camelsmime.keys.ConfiguredSignerKey;
import io.github.camelsmime.keys.RecipientCertificateAccessor;
import io.github.camelsmime.keys.SignerKey;
import io.github.camelsmime.keys.SignerKeyAccessor;
import io.github.camelsmime.mime.Entities;
import io.github.camelsmime.mime.Entity;
import io.github.camelsmime.mime.MessageAssembler;
import io.github.camelsmime.mime.MessageWriter;
import io.github.camelsmime.mime.MimeLimits;
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
    /** Null when no signer is configured. */
    private final SignerKeyAccessor signerKeys;
    /** A signer per key the accessor gave, so that its prepared key and generators are reused; bounded. */
    private final Map<SignerKey, SmimeSigner> signers = LRUCacheFactory.newLRUCache(16);
    private final SmimeEncryptor encryptor;
    private final List<X509Certificate> explicitRecipients;
    private final RecipientCertificateAccessor directory;
    private final Unwrapper unwrapper;
    private final boolean hasRecipientSources;
    private final String authservId;
    private final Spool.Settings spools;
    private final MimeLimits limits;

    public SmimeEngine(CamelContext context, SmimeConfiguration cfg) {
        this.cfg = cfg;
        this.spools = cfg.spoolSettings();
        this.limits = new MimeLimits(cfg.getMaxParts(), cfg.getMaxHeaderSize());
        this.providers = CryptoProviders.of(cfg.getProvider());
        KeyMaterial keys = new KeyMaterial(context, cfg);
        this.signerKeys = keys.signerKeyAccessor();
        if (signerKeys instanceof ConfiguredSignerKey configured) {
            // configured key files are checked when the endpoint starts, not on the first message
            configured.signerKey(null).ifPresent(
                    k -> signers.put(k, new SmimeSigner(k, cfg.getSignatureAlgorithm(), providers)));
        }
        this.hasRecipientSources = keys.hasRecipientSources();
        this.explicitRecipients = keys.explicitRecipients();
        this.directory = keys.recipientCertificateAccessor();
        this.encryptor = new SmimeEncryptor(cfg.getEncryptionAlgorithm(), cfg.getKeyEncryptionAlgorithm(),
                providers);
        List<X509Certificate> anchors = keys.trustAnchors();
        List<X509Certificate> intermediates = keys.intermediates();
        List<X509Certificate> configured = new ArrayList<>(anchors);
        configured.addAll(intermediates);
        this.unwrapper = new Unwrapper(new SignatureVerifier(providers, configured, cfg.getMaxCertificates()),
                new SmimeDecryptor(providers),
                new SmimeDecompressor(cfg.getMaxInflatedSize()), trustValidator(keys, anchors, intermediates),
                keys.decryptionKeyAccessor(),
                cfg.getMaxDepth(), new SenderBinding(cfg.getSenderBinding()),
                cfg.isAllowUnauthenticatedEncryption(), limits, spools);
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
                new RevocationSources(keys.crls(), online, cfg.isRequireRevocationStatus()),
                cfg.getMaxCertificates());
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
        if (signerKeys != null && hasRecipientSources) {
            return SmimeOperation.signEncrypt;
        }
        if (signerKeys != null) {
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
                MessageAssembler.Assembled message = MessageAssembler.assemble(input, limits, spools)) {
            Entity entity = Entities.content(message.content());
            boolean signs = operation == SmimeOperation.sign || operation == SmimeOperation.signEncrypt;
            boolean encrypts = operation == SmimeOperation.encrypt || operation == SmimeOperation.signEncrypt;
            if (signs) {
                SmimeSigner signer = signerFor(operation, message.outerHeaders());
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

    /**
     * Verify, decrypt or unwrap; the caller closes the result when the content has been consumed. A verdict with
     * failures is returned, not thrown: the caller decides (reportOnly) whether to throw it.
     */
    public Unwrapper.Opened open(SmimeOperation operation, InputStream in) {
        try (StreamProviderScope scope = StreamProviderScope.enter()) {
            return unwrapper.open(in, operation, cfg.requiresSignature(operation), true);
        }
    }

    /** The signer the accessor gives for the message's From address. */
    private SmimeSigner signerFor(SmimeOperation operation, List<Header> outerHeaders) {
        if (signerKeys == null) {
            throw new IllegalArgumentException("Operation " + operation + " needs a signer: set signerKeyStore,"
                    + " signerKeyStoreParameters, signerPrivateKey + signerCertificate, or signerKeyAccessor");
        }
        String sender = senderOf(outerHeaders);
        SignerKey key = signerKeys.signerKey(sender).orElseThrow(
                () -> new SmimeException("The signerKeyAccessor has no signer key for sender " + sender));
        synchronized (signers) {
            return signers.computeIfAbsent(key, k -> new SmimeSigner(k, cfg.getSignatureAlgorithm(), providers));
        }
    }

    /** Explicit certificates, plus a certificate for each configured address (or each To/Cc address). */
    private List<X509Certificate> recipients(List<Header> outerHeaders) {
        Set<X509Certificate> result = new LinkedHashSet<>(explicitRecipients);
        List<String> addresses = cfg.getRecipients() != null && !cfg.getRecipients().isBlank()
                ? List.of(cfg.getRecipients().split(","))
                : explicitRecipients.isEmpty() ? addressesOf(outerHeaders, "To", "Cc") : List.of();
        List<String> unknown = new ArrayList<>();
        for (String address : addresses) {
            if (address.isBlank()) {
                continue;
            }
            usableCertificate(address.trim()).ifPresentOrElse(result::add, () -> unknown.add(address.trim()));
        }
        if (!unknown.isEmpty()) {
            throw new SmimeException("No valid encryption certificate known for " + String.join(", ", unknown));
        }
        if (cfg.isEncryptToSelf()) {
            result.add(signerFor(SmimeOperation.encrypt, outerHeaders).certificate());
        }
        if (result.isEmpty()) {
            throw new SmimeException("No recipients to encrypt to: set recipients, recipientCertificates, or To/Cc"
                    + " addresses with recipientCertificateDir or recipientKeyStore");
        }
        return new ArrayList<>(result);
    }

    /**
     * The first From address, or null: an unreadable From is only a lookup hint lost here (the configured signer
     * signs anyway), since the receiver's sender binding is what checks From.
     */
    private static String senderOf(List<Header> outerHeaders) {
        try {
            List<String> from = addressesOf(outerHeaders, "From");
            return from.isEmpty() ? null : from.get(0).toLowerCase(Locale.ROOT);
        } catch (SmimeFormatException e) {
            return null;
        }
    }

    /**
     * The accessor's first certificate for the address that is usable now: a bean's answer is checked like the
     * default directory's, so no accessor can make the component encrypt to an expired or signing-only certificate.
     */
    private Optional<X509Certificate> usableCertificate(String address) {
        if (directory == null) {
            return Optional.empty();
        }
        Date now = new Date();
        return directory.certificates(address.toLowerCase(Locale.ROOT)).stream()
                .filter(c -> Certificates.usableForEncryption(c, now)).findFirst();
    }

    private static List<String> addressesOf(List<Header> headers, String... names) {
        List<String> result = new ArrayList<>();
        for (Header h : headers) {
            if (Arrays.stream(names).anyMatch(h.getName()::equalsIgnoreCase)) {
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
