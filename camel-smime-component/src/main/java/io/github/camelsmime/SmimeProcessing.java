package io.github.camelsmime;

import java.io.InputStream;
import java.io.OutputStream;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import io.github.camelsmime.mime.Spool;
import io.github.camelsmime.unwrap.Unwrapper;

/**
 * The exchange-level steps shared by the endpoint and the data format: protect a message into a spooled body, or
 * open one and turn the verdict into headers. With {@code reportOnly} a failure becomes headers and the original body
 * stays; otherwise it is thrown, with the original body rewound so an error handler still has every byte.
 */
final class SmimeProcessing {

    private SmimeProcessing() {
    }

    static void protect(SmimeEngine engine, SmimeConfiguration cfg, SmimeOperation op, Exchange exchange,
            Object body, OutputStream out) throws Exception {
        try {
            engine.protect(op, ExchangeBinding.input(exchange, body, cfg), out);
        } catch (Exception e) {
            ExchangeBinding.rewind(body);
            throw e;
        }
        ExchangeBinding.clearAttachments(exchange.getMessage());
    }

    /** Protects into a spool that lives until the exchange completes; returns the new body. */
    static Object protect(SmimeEngine engine, SmimeConfiguration cfg, SmimeOperation op, Exchange exchange,
            Object body) throws Exception {
        Spool spool = engine.spools().newSpool().expect(expectedOutput(op, cfg, ExchangeBinding.knownSize(body)));
        try (OutputStream out = spool.output()) {
            protect(engine, cfg, op, exchange, body, out);
        } catch (Exception e) {
            spool.close();
            throw e;
        }
        return ExchangeBinding.body(exchange, spool);
    }

    /** About how large the protected message gets (base64 grows a body by a third), to size the output spool. */
    private static long expectedOutput(SmimeOperation op, SmimeConfiguration cfg, long inputSize) {
        if (inputSize < 0) {
            return 0;
        }
        boolean base64 = op != SmimeOperation.sign || !cfg.isDetached() || cfg.isCompress();
        return base64 ? inputSize * 7 / 5 + 16384 : inputSize + 16384;
    }

    /** Opens the body; returns the new body, or the original one when a failure was only reported. */
    static Object open(SmimeEngine engine, SmimeConfiguration cfg, SmimeOperation op, Exchange exchange,
            Object body) throws Exception {
        Message message = ExchangeBinding.plainMessage(exchange);
        ExchangeBinding.removeIncomingVerdictHeaders(message);
        InputStream in;
        if (body instanceof jakarta.mail.Part part) {
            // a mail from camel-mail: its InputStream conversion yields the content without the headers
            Spool spool = engine.spools().of(part);
            ExchangeBinding.closeOnCompletion(exchange, spool);
            // a spool-backed stream: the unwrapper shares this spool instead of copying it again
            in = ReplayableStream.of(spool);
        } else {
            in = body instanceof byte[] ? ExchangeBinding.stream(exchange, body)
                    : exchange.getContext().getTypeConverter().mandatoryConvertTo(InputStream.class, exchange, body);
        }
        Unwrapper.Opened opened;
        try {
            opened = engine.open(op, in);
        } catch (SmimeException e) {
            ExchangeBinding.rewind(body);
            if (cfg.isReportOnly()) {
                ExchangeBinding.applyFailure(message, e, engine.authservId());
                return body;
            }
            throw e;
        }
        ExchangeBinding.applyVerdict(message, opened.verdict(), engine.authservId());
        if (!opened.verdict().failures().isEmpty()) {
            // only reached with reportOnly: the verdict says what failed, the body stays as it came
            opened.close();
            ExchangeBinding.rewind(body);
            return body;
        }
        try {
            return ExchangeBinding.openedBody(opened, message, cfg.isOutputParts(),
                    cfg.isAddAuthenticationResults()
                            ? message.getHeader(SmimeConstants.AUTHENTICATION_RESULTS, String.class) : null);
        } catch (Exception e) {
            opened.close();
            throw e;
        }
    }
}
