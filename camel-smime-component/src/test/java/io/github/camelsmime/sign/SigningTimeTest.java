package io.github.camelsmime.sign;

import java.util.Date;
import java.util.Random;

import org.bouncycastle.asn1.cms.Time;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The signingTime value is encoded exactly as Bouncy Castle's {@code new Time(new Date(millis))}. */
class SigningTimeTest {

    @Test
    void sameEncodingAsBouncyCastle() throws Exception {
        Random random = new Random(7);
        long from = -1_000_000_000_000L * 4; // 1843
        long to = 5_000_000_000_000L; // 2128
        for (int i = 0; i < 20_000; i++) {
            long millis = from + (long) (random.nextDouble() * (to - from));
            assertThat(SigningTime.time(millis).getEncoded()).as("at " + millis)
                    .isEqualTo(new Time(new Date(millis)).getEncoded());
        }
        long now = System.currentTimeMillis();
        assertThat(SigningTime.time(now).getEncoded()).isEqualTo(new Time(new Date(now)).getEncoded());
        // the edges of the UTCTime range
        for (String edge : new String[] { "1949-12-31T23:59:59Z", "1950-01-01T00:00:00Z", "2049-12-31T23:59:59Z",
            "2050-01-01T00:00:00Z", "2000-02-29T12:00:00Z" }) {
            long millis = java.time.Instant.parse(edge).toEpochMilli();
            assertThat(SigningTime.time(millis).getEncoded()).as(edge)
                    .isEqualTo(new Time(new Date(millis)).getEncoded());
        }
    }
}
