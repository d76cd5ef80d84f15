package io.github.camelsmime.sign;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Hashtable;
import java.util.Map;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;

/**
 * The signed attributes of Bouncy Castle's {@link DefaultSignedAttributeTableGenerator} (contentType, signingTime,
 * messageDigest, CMS algorithm protection, plus the given static ones), with the signingTime value built without a
 * {@code SimpleDateFormat}: Bouncy Castle's {@code new Time(new Date())} creates one to format the time and a second
 * one to parse it back for validation, a tenth of the cost of signing a small message besides the RSA operation. The
 * encoding is the same: UTCTime {@code YYMMDDhhmmssZ} for the years 1950 to 2049, Bouncy Castle's own
 * {@code Time(Date)} otherwise.
 */
final class SigningTime implements CMSAttributeTableGenerator {

    private final Hashtable<ASN1ObjectIdentifier, Attribute> staticAttributes;

    @SuppressWarnings("unchecked")
    SigningTime(AttributeTable staticAttributes) {
        this.staticAttributes = staticAttributes.toHashtable();
    }

    @Override
    public AttributeTable getAttributes(@SuppressWarnings("rawtypes") Map parameters) {
        Hashtable<ASN1ObjectIdentifier, Attribute> table = new Hashtable<>(staticAttributes);
        table.put(CMSAttributes.signingTime, new Attribute(CMSAttributes.signingTime,
                new DERSet(time(System.currentTimeMillis()))));
        // Bouncy Castle fills in the rest, keeping the signingTime given here
        return new DefaultSignedAttributeTableGenerator(new AttributeTable(table)).getAttributes(parameters);
    }

    /** The value {@code new Time(new Date(millis))} has, built directly. */
    static Time time(long millis) {
        ZonedDateTime t = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 1950 || year > 2049) {
            return new Time(new Date(millis));
        }
        byte[] der = new byte[15];
        der[0] = 0x17; // UTCTime
        der[1] = 13;
        two(der, 2, year % 100);
        two(der, 4, t.getMonthValue());
        two(der, 6, t.getDayOfMonth());
        two(der, 8, t.getHour());
        two(der, 10, t.getMinute());
        two(der, 12, t.getSecond());
        der[14] = 'Z';
        return Time.getInstance(ASN1UTCTime.getInstance(der));
    }

    private static void two(byte[] b, int at, int value) {
        b[at] = (byte) ('0' + value / 10);
        b[at + 1] = (byte) ('0' + value % 10);
    }
}
