package io.github.camelsmime.trust;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import io.github.camelsmime.SmimeCheck;

/**
 * RFC 8550 section 3: the address in the From (or Sender) header must be an e-mail address of a signer certificate
 * (subjectAltName rfc822Name or the subject's emailAddress). Only the addr-spec counts, never the display name;
 * both local part and domain compare case-insensitively. Several From fields are an error (a client may show
 * either). By default every From mailbox must be proven, since From is what a reader sees; {@link Mode#FROM_OR_SENDER}
 * also accepts the Sender, as RFC 8550 allows, and then names the Sender as the proven identity.
 */
public final class SenderBinding {

    /** What the signer must prove. */
    public enum Mode {
        /** Every From mailbox must be an address of a signer. */
        FROM,
        /** The Sender address, or else every From mailbox, must be an address of a signer (RFC 8550 literally). */
        FROM_OR_SENDER,
        /** No binding: the verdict says the sender was not checked. */
        OFF
    }

    /** The outcome. */
    public enum Status {
        /** The identity the reader sees is proven by a signer. */
        PASS,
        /** It is not. */
        FAIL,
        /** There was nothing to check against: no From (nor Sender) header, e.g. a bare MIME entity. */
        NONE,
        /** Switched off. */
        OFF;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param address the addr-spec that was proven (PASS) or that no signer proves (FAIL); null otherwise
     * @param detail  why, in words
     */
    public record Result(Status status, String address, String detail) {
        public boolean failed() {
            return status == Status.FAIL;
        }

        public Finding finding() {
            return new Finding(SmimeCheck.SENDER, detail);
        }

        static Result none(String why) {
            return new Result(Status.NONE, null, why);
        }
    }

    private final Mode mode;

    public SenderBinding(Mode mode) {
        this.mode = mode;
    }

    public Mode mode() {
        return mode;
    }

    /**
     * @param from           the values of every From header field of the message
     * @param sender         the values of every Sender header field
     * @param signerAddresses the lower-cased e-mail addresses of each signer whose signature covers the content
     */
    public Result check(List<String> from, List<String> sender, Collection<Set<String>> signerAddresses) {
        if (mode == Mode.OFF) {
            return new Result(Status.OFF, null, "sender binding is switched off");
        }
        if (from.size() > 1) {
            return new Result(Status.FAIL, null, "the message has " + from.size() + " From header fields");
        }
        if (mode == Mode.FROM_OR_SENDER && sender.size() == 1) {
            List<InternetAddress> senders = parse(sender.get(0));
            if (senders.size() == 1 && provenBy(senders.get(0), signerAddresses)) {
                return new Result(Status.PASS, address(senders.get(0)), "Sender " + address(senders.get(0))
                        + " is an address of the signer");
            }
        }
        if (from.isEmpty()) {
            return Result.none("the message has no From header; the sender was not checked");
        }
        List<InternetAddress> mailboxes = parse(from.get(0));
        if (mailboxes.isEmpty()) {
            return new Result(Status.FAIL, null, "the From header holds no readable address");
        }
        if (signerAddresses.stream().allMatch(Set::isEmpty)) {
            return new Result(Status.FAIL, address(mailboxes.get(0)),
                    "the signer certificate carries no e-mail address, so it cannot vouch for From "
                            + address(mailboxes.get(0)));
        }
        List<String> proven = new ArrayList<>();
        for (InternetAddress mailbox : mailboxes) {
            if (!provenBy(mailbox, signerAddresses)) {
                return new Result(Status.FAIL, address(mailbox), "From " + address(mailbox)
                        + " is not an address of " + (signerAddresses.size() == 1 ? "the signer " : "any signer ")
                        + describe(signerAddresses) + displayNameNote(mailbox));
            }
            proven.add(address(mailbox));
        }
        return new Result(Status.PASS, String.join(",", proven), "From " + String.join(", ", proven)
                + " is an address of the signer" + displayNameNote(mailboxes.get(0)));
    }

    private static boolean provenBy(InternetAddress mailbox, Collection<Set<String>> signerAddresses) {
        String address = address(mailbox);
        return signerAddresses.stream().anyMatch(s -> s.contains(address));
    }

    private static String address(InternetAddress a) {
        return a.getAddress() == null ? "" : a.getAddress().trim().toLowerCase(Locale.ROOT);
    }

    /** A display name that itself looks like a different address is what a reader may take for the sender. */
    private static String displayNameNote(InternetAddress mailbox) {
        String personal = mailbox.getPersonal();
        if (personal != null && personal.contains("@")
                && !personal.trim().toLowerCase(Locale.ROOT).contains(address(mailbox))) {
            return " (note: the display name \"" + personal + "\" is not the address that was checked)";
        }
        return "";
    }

    private static String describe(Collection<Set<String>> signerAddresses) {
        List<String> all = new ArrayList<>();
        signerAddresses.forEach(all::addAll);
        return all.toString();
    }

    private static List<InternetAddress> parse(String value) {
        try {
            List<InternetAddress> result = new ArrayList<>();
            for (InternetAddress a : InternetAddress.parseHeader(value, false)) {
                if (a.isGroup()) {
                    // a group's members are mailboxes too; an empty group ("undisclosed:;") proves nothing
                    InternetAddress[] members = a.getGroup(false);
                    if (members != null) {
                        result.addAll(List.of(members));
                    }
                } else if (a.getAddress() != null && !a.getAddress().isBlank()) {
                    result.add(a);
                }
            }
            return result;
        } catch (AddressException e) {
            return List.of();
        }
    }
}
