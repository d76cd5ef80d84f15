package io.github.camelsmime.sample.support;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The HTTP server under the {@code platform-http} routes, in place of Camel's {@code VertxPlatformHttpServer}, whose
 * Vert.x server options cannot be set. What it adds for hostile clients:
 * <ul>
 * <li>a request without the bearer token is answered 401 on its head, before any of its body is read;</li>
 * <li>a connection idle (nothing read or written) for {@code idleTimeoutSeconds} is closed, so slow and abandoned
 * connections do not pile up;</li>
 * <li>a body is read up to {@code maxBodySize} only: past it (or at once when Content-Length says so) the answer is
 * 413 and the connection is closed, instead of reading the rest of the upload to the end;</li>
 * <li>every error it gives itself (404, 405 with {@code Allow: POST}, 413, 415 for form encodings, 400/414/431 for
 * unreadable requests, 500) is an {@code application/problem+json}, and none is logged with a stack trace.</li>
 * </ul>
 * The routes are registered on its router under the name platform-http looks up for a server on a dynamic port.
 */
public class GatewayHttpServer extends ServiceSupport implements CamelContextAware {

    /** How long a connection answered with an error before its body was read stays open for the client to read. */
    private static final long LINGER_MILLIS = 500;

    private final String host;
    private final int port;
    private final long maxBodySize;
    private final int idleTimeoutSeconds;
    private final BearerTokenAuth auth;
    private CamelContext camelContext;
    private Vertx vertx;

    /** @param auth checked on the request head, so that no body of a client without the token is read */
    public GatewayHttpServer(String host, int port, long maxBodySize, int idleTimeoutSeconds, BearerTokenAuth auth) {
        this.host = host;
        this.port = port;
        this.maxBodySize = maxBodySize;
        this.idleTimeoutSeconds = idleTimeoutSeconds;
        this.auth = auth;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    protected void doStart() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(this::authorized);
        router.route().handler(GatewayHttpServer::refuseForms);
        router.route().failureHandler(this::failed);
        router.errorHandler(404, ctx -> answer(ctx, new HttpProblem(404, "Not found", "not-found",
                "no resource at " + ctx.normalizedPath() + "; the API is POST /smime/(sign|encrypt|verify|decrypt)")));
        router.errorHandler(405, ctx -> {
            ctx.response().putHeader("Allow", "POST");
            answer(ctx, new HttpProblem(405, "Method not allowed", "method-not-allowed",
                    ctx.request().method() + " is not allowed here; use POST"));
        });
        String name = VertxPlatformHttpRouter.getRouterNameFromPort(0);
        camelContext.getRegistry().bind(name, new VertxPlatformHttpRouter(null, vertx, router, name) {
            @Override
            public Handler<RoutingContext> bodyHandler() {
                return BodyHandler.create(false).setBodyLimit(maxBodySize).setHandleFileUploads(false);
            }
        });
        // HTTP/1.1 only: no h2c upgrade, so a connection closed at the body limit carries one request only
        HttpServerOptions options = new HttpServerOptions().setIdleTimeout(idleTimeoutSeconds)
                .setIdleTimeoutUnit(TimeUnit.SECONDS).setHttp2ClearTextEnabled(false);
        HttpServer server = vertx.createHttpServer(options).requestHandler(router)
                .invalidRequestHandler(this::invalid);
        try {
            server.listen(port, host).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            doStop();
            throw new IllegalStateException("HTTP server cannot listen on " + host + ":" + port + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (vertx != null) {
            // closes the server and its connections too
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx = null;
        }
    }

    /** No body is read for a client without the token (the routes check it again, on the exchange). */
    private void authorized(RoutingContext ctx) {
        List<String> values = ctx.request().headers().getAll("Authorization");
        try {
            auth.check(values.size() == 1 ? values.get(0) : null);
        } catch (BearerTokenAuth.UnauthorizedException e) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"smime\"");
            answer(ctx, HttpProblem.of(e));
            return;
        }
        ctx.next();
    }

    /** The API takes the payload as the body; form fields would become headers and are never parsed. */
    private static void refuseForms(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (lower.startsWith("application/x-www-form-urlencoded") || lower.startsWith("multipart/form-data")) {
            answer(ctx, new HttpProblem(415, "Unsupported media type", "unsupported-media-type",
                    "form encodings are not accepted: post the payload itself as the body with its own Content-Type"
                            + " (curl: --data-binary @file -H 'Content-Type: text/plain')"));
        } else {
            ctx.next();
        }
    }

    /** A failure that no route answered: the body handler's 413, a failed exchange. */
    private void failed(RoutingContext ctx) {
        int status = ctx.statusCode() > 0 ? ctx.statusCode()
                : ctx.failure() instanceof HttpException http ? http.getStatusCode() : 500;
        HttpProblem problem = switch (status) {
            case 413 -> new HttpProblem(413, "Content too large", "limit-exceeded",
                    "the request body is larger than " + maxBodySize + " bytes (http.max.body.size)");
            case 400 -> new HttpProblem(400, "Malformed input", "malformed",
                    "the request could not be read (for example a query string that is not URL-encoded)");
            default -> new HttpProblem(500, "Internal error", "internal-error", "see the gateway log");
        };
        answer(ctx, problem);
    }

    /** A request the HTTP decoder refused (too long a line or header block, broken syntax). */
    private void invalid(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        HttpProblem problem;
        if (cause instanceof TooLongHttpLineException) {
            problem = new HttpProblem(414, "URI too long", "limit-exceeded", "the request line is too long");
        } else if (cause instanceof TooLongHttpHeaderException) {
            problem = new HttpProblem(431, "Request header fields too large", "limit-exceeded",
                    "the request headers are too large");
        } else {
            problem = new HttpProblem(400, "Malformed input", "malformed", "the request is not valid HTTP/1.1");
        }
        // Vert.x closes the connection once this answer has ended
        send(request.response(), problem);
    }

    /**
     * Sends the problem. When the body has not been read (yet), reading stops and the connection is closed once the
     * client had a moment to read the answer, instead of reading and dropping whatever else it sends.
     */
    private static void answer(RoutingContext ctx, HttpProblem problem) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        boolean drop = !request.isEnded();
        if (drop) {
            request.pause();
            response.putHeader("Connection", "close");
        }
        send(response, problem).onComplete(done -> {
            if (drop) {
                ctx.vertx().setTimer(LINGER_MILLIS, t -> request.connection().close());
            }
        });
    }

    private static io.vertx.core.Future<Void> send(HttpServerResponse response, HttpProblem problem) {
        return response.setStatusCode(problem.status()).putHeader("Content-Type", HttpProblem.MEDIA_TYPE)
                .end(Buffer.buffer(problem.toJson()));
    }
}
