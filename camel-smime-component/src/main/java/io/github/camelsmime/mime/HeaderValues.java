package io.github.camelsmime.mime;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParameterList;
import jakarta.mail.internet.ParseException;

import io.github.camelsmime.SmimeFormatException;

/**
 * Header values that come from outside the message (exchange headers, file names) made safe to write: none of them
 * can start a header line of its own or end the header block. Jakarta Mail does not guard this: its encoders treat
 * CR and LF as plain ASCII, and quoting a parameter keeps a line break inside the quotes.
 */
public final class HeaderValues {

    private static final String ATTRIBUTE_SPECIALS = "*'%()<>@,;:\\\"/[]?=";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HeaderValues() {
    }

    /**
     * Unstructured text (Subject, RFC 5322 section 3.2.5): printable text as it is (folded when long); text with
     * control characters or non-ASCII as RFC 2047 encoded words, which carry any character and no line break.
     */
    public static String unstructured(String name, String value) {
        try {
            if (hasControlCharacters(value)) {
                return encodedWords(value);
            }
            return MimeUtility.fold(name.length() + 2, MimeUtility.encodeText(value, "UTF-8", null));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    /**
     * An address list (From, To, Cc): folded lines are unfolded; any other line break, or a control character, is
     * refused, since it would add a header line (a Bcc, say) that the sender of the input chose.
     */
    public static String addresses(String name, String value) {
        String unfolded = MimeUtility.unfold(value);
        if (hasControlCharacters(unfolded)) {
            throw new SmimeFormatException("The " + name + " header holds a line break or control character: an"
                    + " address list must be one header field");
        }
        return MimeUtility.fold(name.length() + 2, unfolded);
    }

    /**
     * {@code list} with the parameter {@code name} (a file name) added: a value of printable ASCII the usual way
     * (quoted when needed), any other value as an RFC 2231 extended value ({@code name*=UTF-8''...}).
     */
    public static ParameterList withParameter(ParameterList list, String name, String value) {
        ParameterList result = list == null ? new ParameterList() : list;
        if (isPrintableAscii(value)) {
            result.set(name, value);
            return result;
        }
        try {
            // parsed rather than set: Jakarta Mail encodes only non-ASCII values, and not control characters
            ParameterList encoded = new ParameterList(result + "; " + name + "*=" + rfc2231(value));
            return encoded;
        } catch (ParseException e) {
            throw new IllegalStateException("An RFC 2231 value is a MIME token", e);
        }
    }

    /**
     * RFC 2047 "B" encoded words of at most 45 bytes of whole UTF-8 characters each (72 characters a word), one per
     * folded line. Jakarta Mail's encoders leave ASCII text, line breaks included, as it is.
     */
    private static String encodedWords(String value) {
        StringBuilder result = new StringBuilder();
        int start = 0;
        while (start < value.length()) {
            int end = start;
            int bytes = 0;
            while (end < value.length()) {
                int cp = value.codePointAt(end);
                int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                if (bytes + size > 45) {
                    break;
                }
                bytes += size;
                end += Character.charCount(cp);
            }
            result.append(result.length() == 0 ? "" : "\r\n ").append("=?UTF-8?B?").append(Base64.getEncoder()
                    .encodeToString(value.substring(start, end).getBytes(StandardCharsets.UTF_8))).append("?=");
            start = end;
        }
        return result.toString();
    }

    private static String rfc2231(String value) {
        StringBuilder sb = new StringBuilder("UTF-8''");
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && ATTRIBUTE_SPECIALS.indexOf(c) < 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return sb.toString();
    }

    private static boolean isPrintableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasControlCharacters(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }
}
