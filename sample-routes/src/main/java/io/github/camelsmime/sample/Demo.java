package io.github.camelsmime.sample;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.github.camelsmime.sample.support.AtomicFiles;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first-start demo: once Camel has started, a few documents are dropped into the outbound mail folder. The
 * outbound route signs them as Alice and encrypts them to Bob, SMTP delivers them to the embedded GreenMail, the
 * inbound route fetches them from Bob's IMAP mailbox, unwraps them and logs one {@code VERDICT} line each.
 */
public class Demo implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

    public static final String MAIL_OUTBOX = "mail.outbound.inbox";
    public static final String DOCUMENTS = "demo.documents";

    private static final List<String[]> SAMPLES = List.of(
            new String[] {"demo-1-invoice.txt", "Invoice 2024-0042\nAmount due: 1,234.56 EUR\nDue: in 30 days\n"},
            new String[] {"demo-2-orders.csv", "order,item,qty\n1001,widget,3\n1002,gadget,1\n"},
            new String[] {"demo-3-note.json", "{\"from\":\"alice\",\"to\":\"bob\",\"text\":\"Grüße aus dem Demo\"}\n"});

    private final Path outbox;
    private final int documents;

    public Demo(Path outbox, int documents) {
        this.outbox = outbox;
        this.documents = Math.max(0, Math.min(documents, 100));
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) throws Exception {
        // StartupListener: called when the routes are started
        if (alreadyStarted) {
            return;
        }
        Files.createDirectories(outbox);
        String stamp = Instant.now().toString();
        for (int i = 0; i < documents; i++) {
            String[] sample = SAMPLES.get(i % SAMPLES.size());
            String name = i < SAMPLES.size() ? sample[0] : sample[0].replaceFirst("^demo-\\d+", "demo-" + (i + 1));
            AtomicFiles.write(outbox.resolve(name),
                    (sample[1] + "(demo run " + stamp + ")\n").getBytes(StandardCharsets.UTF_8));
        }
        LOG.info("DEMO: {} documents dropped into {}: Alice signs and encrypts them to Bob over SMTP, the IMAP route "
                + "unwraps them; watch for the VERDICT lines", documents, outbox);
    }
}
