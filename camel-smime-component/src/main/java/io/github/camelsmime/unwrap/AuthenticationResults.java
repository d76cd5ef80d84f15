package io.github.camelsmime.unwrap;

import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.camelsmime.SmimeCheck;
import io.github.camelsmime.SmimeException;
import io.github.camelsmime.trust.Finding;
import io.github.camelsmime.trust.SenderBinding;
import io.github.camelsmime.verify.SignerResult;

/**
 * The verdict as an {@code Authentication-Results} header value (RFC 8601) with the {@code smime} method of RFC 7281:
 * {@code authserv-id; smime=RESULT [reason="CHECK"] [(comment)] body.smime-identifier=... body.smime-serial=...
 * body.smime-issuer="..."}, one result per signer, every one carrying the message's result (a message with one good
 * and one bad signer never shows {@code smime=pass}).
 * <ul>
 * <li>{@code pass}: signed, every signature valid, every signer trusted, the sender binding not failed;</li>
 * <li>{@code fail}: a signature does not verify;</li>
 * <li>{@code policy}: the signatures verify but a policy check failed (path, expired, revoked, key usage, weak
 * algorithm, sender mismatch), or only a part of the message is signed ({@code body.smime-part} names it);</li>
 * <li>{@code temperror}: the revocation status could not be established and is required;</li>
 * <li>{@code permerror}: the message could not be processed (malformed, limit exceeded, not decryptable);</li>
 * <li>{@code none}: the message is not signed.</li>
 * </ul>
 * Incoming header fields that claim an smime result are removed before processing ({@link #claimsSmime}).
 */
public final class AuthenticationResults {

    public static final String HEADER = "Authentication-Results";

    /** An smime method result anywhere in the value (the ptype properties like body.smime-part do not count). */
    private static final Pattern SMIME_RESULT = Pattern.compile("(?i)(?<![\\w.-])smime\\s*=");
    private static final Pattern DOT_ATOM_ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`{|}~0-9A-Za-z-]+");

    private AuthenticationResults() {
    }

    /** The header value for a verdict. */
    public static String of(Verdict verdict, String authservId) {
        String result = result(verdict);
        Finding first = verdict.firstFailure();
        String reason = verdict.partiallySigned() ? SmimeCheck.PARTIALLY_SIGNED.code()
                : first == null ? null : first.check().code();
        StringBuilder sb = new StringBuilder(authservId);
        if (verdict.partiallySigned()) {
            for (EmbeddedPart part : verdict.parts()) {
                if (!part.isSigned()) {
                    continue;
                }
                if (part.signers().isEmpty()) {
                    resinfo(sb, result, reason, "only this part is signed, not the message", null, null);
                    sb.append(" body.smime-part=").append(part.position());
                }
                for (SignerResult s : part.signers()) {
                    resinfo(sb, result, reason, "only this part is signed, not the message", s, null);
                    sb.append(" body.smime-part=").append(part.position());
                }
            }
            return sb.toString();
        }
        if (verdict.signers().isEmpty() || !verdict.signed() && result.equals("none")) {
            resinfo(sb, result, reason, null, null, null);
            return sb.toString();
        }
        for (SignerResult s : verdict.signers()) {
            resinfo(sb, result, reason, senderComment(verdict.sender()), s, verdict.sender().address());
        }
        return sb.toString();
    }

    /** The header value when the message could not be processed at all. */
    public static String ofFailure(SmimeException failure, String authservId) {
        StringBuilder sb = new StringBuilder(authservId);
        resinfo(sb, "permerror", failure.getCheck(), null, null, null);
        return sb.toString();
    }

    /** Whether an Authentication-Results value (or list of values) claims an smime result. */
    public static boolean claimsSmime(Object value) {
        if (value instanceof Iterable<?> values) {
            for (Object v : values) {
                if (claimsSmime(v)) {
                    return true;
                }
            }
            return false;
        }
        return value != null && SMIME_RESULT.matcher(value.toString()).find();
    }

    /** Whether a raw header line ({@code Name: value}) is an Authentication-Results field claiming an smime result. */
    static boolean isSmimeClaim(String headerLine) {
        int colon = headerLine.indexOf(':');
        return colon > 0 && headerLine.substring(0, colon).trim().equalsIgnoreCase(HEADER)
                && claimsSmime(headerLine.substring(colon + 1));
    }

    static String result(Verdict verdict) {
        boolean badSignature = verdict.findings().stream().anyMatch(f -> f.check() == SmimeCheck.SIGNATURE);
        if (verdict.partiallySigned()) {
            return "policy";
        }
        if (badSignature) {
            return "fail";
        }
        if (!verdict.signed()) {
            return "none";
        }
        Finding first = verdict.firstFailure();
        if (first == null) {
            return "pass";
        }
        return first.check() == SmimeCheck.REVOCATION_UNKNOWN ? "temperror" : "policy";
    }

    private static void resinfo(StringBuilder sb, String result, String reason, String comment, SignerResult signer,
            String boundAddress) {
        sb.append("; smime=").append(result);
        if (reason != null) {
            sb.append(" reason=").append(quoted(reason));
        }
        if (comment != null) {
            sb.append(" (").append(comment.replaceAll("[()\\\\\\r\\n]", " ")).append(')');
        }
        if (signer != null) {
            sb.append(" body.smime-identifier=").append(pvalue(identity(signer, boundAddress)));
            if (signer.serialNumber() != null) {
                sb.append(" body.smime-serial=").append(pvalue(signer.serialNumber()));
            }
            if (signer.issuer() != null) {
                sb.append(" body.smime-issuer=").append(quoted(signer.issuer()));
            }
        }
    }

    private static String senderComment(SenderBinding.Result sender) {
        return switch (sender.status()) {
            case NONE -> "sender not checked";
            case OFF -> "sender binding off";
            case FAIL -> "sender not proven";
            case PASS -> null;
        };
    }

    /** The address the signer proved, else its first e-mail address, else its subject. */
    private static String identity(SignerResult signer, String boundAddress) {
        if (boundAddress != null && signer.emailAddresses().contains(boundAddress)) {
            return boundAddress;
        }
        if (!signer.emailAddresses().isEmpty()) {
            return signer.emailAddresses().get(0);
        }
        return signer.subject() != null ? signer.subject() : "unknown";
    }

    private static String pvalue(String value) {
        return DOT_ATOM_ADDRESS.matcher(value).matches() || TOKEN.matcher(value).matches() ? value : quoted(value);
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n]", " ") + '"';
    }

    /** This host's name, as RFC 8601 suggests for the authserv-id; camel-smime when it is not known. */
    public static String defaultAuthservId() {
        return DefaultId.VALUE;
    }

    private static final class DefaultId {
        static final String VALUE = lookup();

        private static String lookup() {
            try {
                String host = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
                return TOKEN.matcher(host).matches() && !host.equals("localhost") ? host : "camel-smime";
            } catch (java.io.IOException | RuntimeException e) {
                return "camel-smime";
            }
        }
    }
}
