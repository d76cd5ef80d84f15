package io.github.camelsmime.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * Turns a JMH JSON result ({@code -rf json}) into {@code latest.md} (tables, ratios, targets) and {@code latest.png}
 * (throughput by message size). Usage:
 *
 * <pre>
 *   java -Djava.awt.headless=true -cp ... io.github.camelsmime.bench.Report latest.json latest.md latest.png \
 *        [--mode quick|full] [--jmh-args "..."] [--analysis analysis.md]
 * </pre>
 * Ratios: ours / primitive limit uses the best provider's primitive of the same run (4 KiB sign and signEncrypt: RSA-2048
 * sign for the rsa2048 signer, ECDSA P-256 sign for ecp256; 4 KiB verify with rsa2048: RSA-2048 verify; 4 KiB unwrap:
 * RSA-2048 sign, the cost of the recipient's private-key decryption; 1 MiB: the slower of SHA-256 and AES-256-GCM, in
 * MB/s). Ours / baseline compares the same method, size and signer.
 */
public final class Report {

    static final String PKG = "io.github.camelsmime.bench.";
    static final String PRIMITIVE = "PrimitiveLimitBenchmark";
    static final String BASELINE = "HandwrittenBaselineBenchmark";
    static final String OURS = "CamelSmimeBenchmark";
    static final List<String> PROVIDERS = List.of("JDK", "BC", "ACCP");
    static final List<String> PRIMITIVES = List.of("rsaSign", "rsaVerify", "ecSign", "sha256", "aesGcm");
    static final List<String> METHODS = List.of("sign", "verify", "signEncrypt", "unwrap");
    static final List<String> SIZES = List.of("4k", "1m");
    static final List<String> SIGNERS = List.of("rsa2048", "ecp256");
    static final double MB = 1_000_000.0;

    static final double TARGET_4K_LIMIT = 0.85;
    static final double TARGET_1M_LIMIT = 0.60;
    static final double TARGET_4K_BASELINE = 3.0;
    static final double TARGET_1M_BASELINE = 5.0;

    /** One JMH result row. */
    record Row(String bench, String method, Map<String, String> params, double score, double error, String unit,
               int samples, double min, double max) {
        String param(String name) {
            return params.getOrDefault(name, "");
        }

        String paramText() {
            StringBuilder sb = new StringBuilder();
            params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
            return sb.toString();
        }
    }

    /** A primitive limit picked for a message row. */
    record Limit(String label, double value, String unit) {
    }

    private final List<Row> rows;
    private final JsonObject first;
    private String conditions = "";
    private String date = "";

    Report(List<Row> rows, JsonObject first) {
        this.rows = rows;
        this.first = first;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: Report latest.json latest.md latest.png [--mode quick|full] [--jmh-args ARGS]"
                    + " [--analysis FILE] [--readme README.md] [--conditions TEXT] [--meta latest.meta]");
            System.exit(2);
        }
        String mode = "";
        String jmhArgs = "";
        Path analysis = null;
        Path readme = null;
        String conditions = "";
        String date = "";
        Path meta = null;
        for (int i = 3; i < args.length; i++) {
            switch (args[i]) {
                case "--meta" -> meta = Paths.get(args[++i]);
                case "--conditions" -> conditions = args[++i];
                case "--readme" -> readme = Paths.get(args[++i]);
                case "--mode" -> mode = args[++i];
                case "--jmh-args" -> jmhArgs = args[++i];
                case "--analysis" -> analysis = Paths.get(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        // what run.sh recorded about the run (date, mode, JMH arguments, load), for a report redone later
        if (meta != null && Files.exists(meta)) {
            java.util.Properties p = new java.util.Properties();
            try (var in = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
                p.load(in);
            }
            mode = mode.isEmpty() ? p.getProperty("mode", "") : mode;
            jmhArgs = jmhArgs.isEmpty() ? p.getProperty("jmhArgs", "") : jmhArgs;
            conditions = conditions.isEmpty() ? p.getProperty("conditions", "") : conditions;
            date = p.getProperty("date", "");
        }
        Report report = load(Paths.get(args[0]));
        report.date = date.isEmpty()
                ? ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")) : date;
        Path png = Paths.get(args[2]);
        report.writePng(png);
        report.conditions = conditions;
        String md = report.markdown(mode, jmhArgs, png.getFileName().toString(),
                analysis != null && Files.exists(analysis) ? Files.readString(analysis) : null);
        Files.writeString(Paths.get(args[1]), md, StandardCharsets.UTF_8);
        System.out.println("wrote " + args[1] + " and " + args[2] + " (" + report.rows.size() + " results)");
        if (readme != null) {
            report.updateReadme(readme, mode);
        }
    }

    static Report load(Path json) throws Exception {
        JsonArray array = (JsonArray) Jsoner.deserialize(Files.readString(json));
        List<Row> rows = new ArrayList<>();
        JsonObject first = null;
        for (Object o : array) {
            JsonObject r = (JsonObject) o;
            if (first == null) {
                first = r;
            }
            String benchmark = r.getString("benchmark");
            String simple = benchmark.startsWith(PKG) ? benchmark.substring(PKG.length()) : benchmark;
            int dot = simple.lastIndexOf('.');
            Map<String, String> params = new LinkedHashMap<>();
            JsonObject p = (JsonObject) r.get("params");
            if (p != null) {
                p.forEach((k, v) -> params.put(k, String.valueOf(v)));
            }
            JsonObject metric = (JsonObject) r.get("primaryMetric");
            double err = number(metric.get("scoreError"));
            double[] range = range(metric.get("rawData"));
            rows.add(new Row(simple.substring(0, dot), simple.substring(dot + 1), params,
                    number(metric.get("score")), Double.isNaN(err) ? 0 : err, metric.getString("scoreUnit"),
                    countSamples(metric.get("rawData")), range[0], range[1]));
        }
        return new Report(rows, first == null ? new JsonObject() : first);
    }

    private static double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(o));
        } catch (NumberFormatException e) {
            return Double.NaN; // JMH writes "NaN" for a single iteration
        }
    }

    /** Lowest and highest iteration score. */
    private static double[] range(Object raw) {
        double min = Double.NaN;
        double max = Double.NaN;
        if (raw instanceof JsonArray forks) {
            for (Object f : forks) {
                for (Object v : (JsonArray) f) {
                    double d = number(v);
                    min = Double.isNaN(min) ? d : Math.min(min, d);
                    max = Double.isNaN(max) ? d : Math.max(max, d);
                }
            }
        }
        return new double[] {min, max};
    }

    private static int countSamples(Object raw) {
        int n = 0;
        if (raw instanceof JsonArray forks) {
            for (Object f : forks) {
                n += ((JsonArray) f).size();
            }
        }
        return n;
    }

    // ---- look-ups ---------------------------------------------------------------------------------------------

    Optional<Row> find(String bench, String method, String... kv) {
        outer:
        for (Row r : rows) {
            if (!r.bench().equals(bench) || !r.method().equals(method)) {
                continue;
            }
            for (int i = 0; i < kv.length; i += 2) {
                if (!kv[i + 1].equals(r.param(kv[i]))) {
                    continue outer;
                }
            }
            return Optional.of(r);
        }
        return Optional.empty();
    }

    Optional<Row> message(String bench, String method, String size, String signer) {
        return find(bench, method, "size", size, "signer", signer);
    }

    /** The best provider's row of a primitive. */
    Optional<Row> best(String primitive) {
        return rows.stream().filter(r -> r.bench().equals(PRIMITIVE) && r.method().equals(primitive))
                .max((a, b) -> Double.compare(a.score(), b.score()));
    }

    static boolean isBulk(String primitive) {
        return primitive.equals("sha256") || primitive.equals("aesGcm");
    }

    /** Payload bytes of a row, for MB/s; 0 when MB/s means nothing (signatures of 128 bytes). */
    static long payloadBytes(Row r) {
        if (r.bench().equals(PRIMITIVE)) {
            return isBulk(r.method()) ? PrimitiveLimitBenchmark.BULK_BYTES : 0;
        }
        String size = r.param("size");
        return size.isEmpty() ? 0 : Payloads.bytes(size);
    }

    static double mbPerSecond(Row r) {
        return r.score() * payloadBytes(r) / MB;
    }

    /** The limit an ours row is measured against, as ops/s (4 KiB) or MB/s (1 MiB). */
    Optional<Limit> limitFor(String method, String size, String signer) {
        if (size.equals("1m")) {
            Optional<Row> sha = best("sha256");
            Optional<Row> aes = best("aesGcm");
            if (sha.isEmpty() || aes.isEmpty()) {
                return Optional.empty();
            }
            double shaMb = mbPerSecond(sha.get());
            double aesMb = mbPerSecond(aes.get());
            return Optional.of(shaMb <= aesMb
                    ? new Limit("SHA-256 (" + sha.get().param("provider") + ")", shaMb, "MB/s")
                    : new Limit("AES-256-GCM (" + aes.get().param("provider") + ")", aesMb, "MB/s"));
        }
        String primitive;
        switch (method) {
            case "sign", "signEncrypt" -> primitive = signer.equals("ecp256") ? "ecSign" : "rsaSign";
            case "verify" -> {
                if (!signer.equals("rsa2048")) {
                    return Optional.empty(); // no EC verify primitive in the set
                }
                primitive = "rsaVerify";
            }
            case "unwrap" -> primitive = "rsaSign"; // the recipient's RSA-2048 private-key operation
            default -> {
                return Optional.empty();
            }
        }
        return best(primitive).map(b -> new Limit(label(primitive) + " (" + b.param("provider") + ")", b.score(),
                "ops/s"));
    }

    Optional<Double> ratioToLimit(Row ours) {
        return limitFor(ours.method(), ours.param("size"), ours.param("signer")).map(l ->
                (l.unit().equals("MB/s") ? mbPerSecond(ours) : ours.score()) / l.value());
    }

    Optional<Double> ratioToBaseline(Row ours) {
        return message(BASELINE, ours.method(), ours.param("size"), ours.param("signer"))
                .map(b -> ours.score() / b.score());
    }

    static String label(String primitive) {
        return switch (primitive) {
            case "rsaSign" -> "RSA-2048 sign";
            case "rsaVerify" -> "RSA-2048 verify";
            case "ecSign" -> "ECDSA P-256 sign";
            case "sha256" -> "SHA-256 1 MiB";
            case "aesGcm" -> "AES-256-GCM 1 MiB";
            default -> primitive;
        };
    }

    // ---- markdown ---------------------------------------------------------------------------------------------

    String markdown(String mode, String jmhArgs, String pngName, String analysis) {
        StringBuilder md = new StringBuilder();
        md.append("# camel-smime benchmark results\n\n");
        md.append("Generated by `benchmarks/run.sh` (`io.github.camelsmime.bench.Report`) from `latest.json`. ")
          .append("Rerun: `benchmarks/run.sh --quick` (under 5 minutes) or `benchmarks/run.sh` (full).\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| date of the run | ").append(date).append(" |\n");
        md.append("| mode | ").append(mode.isEmpty() ? inferredMode() : mode)
          .append(jmhArgs.isEmpty() ? "" : " (`" + jmhArgs.trim() + "`)").append(" |\n");
        md.append("| machine | ").append(Machine.describe()).append(" |\n");
        if (!conditions.isBlank()) {
            md.append("| load average (1/5/15 min), duration | ").append(conditions).append(" |\n");
        }
        md.append("| JVM | ").append(first.getStringOrDefault("vmName", "?")).append(' ')
          .append(first.getStringOrDefault("jdkVersion", "?")).append(" (")
          .append(first.getStringOrDefault("vmVersion", "?")).append("), ")
          .append(String.valueOf(first.get("jvmArgs"))).append(" |\n");
        md.append("| JMH | ").append(first.getStringOrDefault("jmhVersion", "?")).append(", ")
          .append(first.get("forks")).append(" fork(s), ")
          .append(first.get("warmupIterations")).append(" x ").append(first.get("warmupTime")).append(" warm-up, ")
          .append(first.get("measurementIterations")).append(" x ").append(first.get("measurementTime"))
          .append(" measured, 1 thread |\n\n");
        md.append("The machine is shared (2 cores, other builds running): compare rows of one run with each other, ")
          .append("not with other runs. The ± column is JMH's 99.9% interval with 3 or more iterations, else the range ")
          .append("of the iterations (lowest–highest).\n\n");

        md.append("![Throughput by message size](").append(pngName).append(")\n\n");
        md.append("## Summary\n\n").append(summaryTable()).append('\n');

        appendPrimitives(md);
        appendMessages(md);
        List<String> missed = appendTargets(md);
        appendWhy(md, missed, analysis);
        return md.toString();
    }

    /** quick or full from the JMH settings in the JSON, for a report redone without --mode. */
    private String inferredMode() {
        String settings = first.get("forks") + "/" + first.get("warmupIterations") + "/" + first.get("warmupTime")
                + "/" + first.get("measurementIterations") + "/" + first.get("measurementTime");
        return switch (settings) {
            case "1/1/1 s/2/1 s" -> "quick";
            case "1/3/2 s/5/3 s" -> "full";
            default -> "custom";
        };
    }

    /** One line per message row: baseline, ours, ratios; used in latest.md and in the README. */
    String summaryTable() {
        StringBuilder md = new StringBuilder();
        md.append("| operation | size | signer | baseline ops/s | **ours ops/s** | ours MB/s | ours / limit |")
          .append(" ours / baseline |\n|---|---|---|---:|---:|---:|---:|---:|\n");
        for (String size : SIZES) {
            for (String method : METHODS) {
                for (String signer : SIGNERS) {
                    Optional<Row> base = message(BASELINE, method, size, signer);
                    Optional<Row> ours = message(OURS, method, size, signer);
                    md.append("| ").append(method).append(" | ").append(size).append(" | ").append(signer)
                      .append(" | ").append(base.map(r -> fmt(r.score())).orElse("n/a"))
                      .append(" | **").append(ours.map(r -> fmt(r.score())).orElse("n/a")).append("** | ")
                      .append(ours.map(r -> fmt(mbPerSecond(r))).orElse("")).append(" | ")
                      .append(ours.flatMap(this::ratioToLimit).map(Report::ratio).orElse("—")).append(" | ")
                      .append(ours.flatMap(this::ratioToBaseline).map(x -> ratio(x) + "x").orElse("—"))
                      .append(" |\n");
                }
            }
        }
        List<String> limits = new ArrayList<>();
        for (String p : PRIMITIVES) {
            best(p).ifPresent(b -> limits.add(label(p) + " " + fmt(b.score()) + " ops/s"
                    + (isBulk(p) ? " = " + fmt(mbPerSecond(b)) + " MB/s" : "") + " (" + b.param("provider") + ")"));
        }
        if (!limits.isEmpty()) {
            md.append("\nPrimitive limits (best provider): ").append(String.join("; ", limits)).append(".\n");
        }
        return md.toString();
    }

    static final String README_START = "<!-- results:start (written by benchmarks/run.sh) -->";
    static final String README_END = "<!-- results:end -->";

    /** Replaces the README's results block (between the markers) with this run's summary. */
    void updateReadme(Path readme, String mode) throws IOException {
        if (!Files.exists(readme)) {
            return;
        }
        String text = Files.readString(readme);
        int a = text.indexOf(README_START);
        int b = text.indexOf(README_END);
        if (a < 0 || b < a) {
            System.err.println("Report: no results markers in " + readme + "; left as is");
            return;
        }
        String block = README_START + "\n\nLast run: " + date + ", " + (mode.isEmpty() ? inferredMode() : mode)
                + " mode, " + Machine.describe() + ", JDK " + first.getStringOrDefault("jdkVersion", "?")
                + ". Details, targets and why: [benchmarks/results/latest.md](benchmarks/results/latest.md).\n\n"
                + "![Throughput by message size](benchmarks/results/latest.png)\n\n" + summaryTable() + "\n";
        Files.writeString(readme, text.substring(0, a) + block + text.substring(b), StandardCharsets.UTF_8);
        System.out.println("updated the results block of " + readme);
    }

    private void appendPrimitives(StringBuilder md) {
        md.append("## Primitive limit (`PrimitiveLimitBenchmark`)\n\n");
        md.append("Raw JCA, one thread. Signatures over 128 bytes; SHA-256 and AES-256-GCM over 1 MiB. **Bold** = best")
          .append(" provider, the limit used below.\n\n");
        md.append("| primitive | provider | ops/s | ± | MB/s |\n|---|---|---:|---:|---:|\n");
        for (String p : PRIMITIVES) {
            Optional<Row> best = best(p);
            for (String prov : PROVIDERS) {
                Optional<Row> r = find(PRIMITIVE, p, "provider", prov);
                boolean isBest = r.isPresent() && best.isPresent() && r.get() == best.get();
                String b = isBest ? "**" : "";
                md.append("| ").append(b).append(p).append(b).append(" | ").append(b).append(prov).append(b)
                  .append(" | ");
                if (r.isEmpty()) {
                    md.append("n/a | | |\n");
                    continue;
                }
                md.append(b).append(fmt(r.get().score())).append(b).append(" | ").append(err(r.get())).append(" | ")
                  .append(isBulk(p) ? b + fmt(mbPerSecond(r.get())) + b : "").append(" |\n");
            }
        }
        List<String> missing = new ArrayList<>();
        for (String p : PRIMITIVES) {
            for (String prov : PROVIDERS) {
                if (find(PRIMITIVE, p, "provider", prov).isEmpty()) {
                    missing.add(p + "/" + prov);
                }
            }
        }
        md.append('\n');
        if (!missing.isEmpty()) {
            md.append("n/a: ").append(String.join(", ", missing)).append(": no result in this run (the provider ")
              .append("lacks the algorithm, the benchmark failed, or it was not selected; see `latest.log.tmp` of the run).\n\n");
        }
    }

    private void appendMessages(StringBuilder md) {
        md.append("## Messages: hand-written baseline vs camel-smime\n\n");
        md.append("`HandwrittenBaselineBenchmark` = plain bcjmail code, BC provider, no path validation. ")
          .append("`CamelSmimeBenchmark` = `direct:` -> `smime:` route, provider auto, full PKIX path validation on")
          .append(" verify/unwrap. MB/s = message body bytes x ops/s (4k = 4096 B, 1m = 1048576 B).\n\n");
        md.append("| benchmark | method | size | signer | ops/s | ± | MB/s | ours / limit | limit used |")
          .append(" ours / baseline |\n|---|---|---|---|---:|---:|---:|---:|---|---:|\n");
        for (String size : SIZES) {
            for (String method : METHODS) {
                for (String signer : SIGNERS) {
                    Optional<Row> base = message(BASELINE, method, size, signer);
                    Optional<Row> ours = message(OURS, method, size, signer);
                    md.append("| baseline | ").append(method).append(" | ").append(size).append(" | ").append(signer)
                      .append(" | ");
                    md.append(base.map(r -> fmt(r.score()) + " | " + err(r) + " | " + fmt(mbPerSecond(r)))
                            .orElse("n/a | | ")).append(" | | | |\n");
                    md.append("| **ours** | ").append(method).append(" | ").append(size).append(" | ")
                      .append(signer).append(" | ");
                    if (ours.isEmpty()) {
                        md.append("n/a | | | | | |\n");
                        continue;
                    }
                    Row r = ours.get();
                    md.append("**").append(fmt(r.score())).append("** | ").append(err(r)).append(" | ")
                      .append(fmt(mbPerSecond(r))).append(" | ")
                      .append(ratioToLimit(r).map(Report::ratio).orElse("—")).append(" | ")
                      .append(limitFor(method, size, signer).map(l -> l.label() + " " + fmt(l.value()) + " "
                              + l.unit()).orElse("—")).append(" | ")
                      .append(ratioToBaseline(r).map(x -> ratio(x) + "x").orElse("—")).append(" |\n");
                }
            }
        }
        md.append('\n');
    }

    /** Appends the target table; returns the missed targets, described. */
    private List<String> appendTargets(StringBuilder md) {
        md.append("## Targets\n\n");
        md.append("| target | row | measured | required | |\n|---|---|---:|---:|---|\n");
        List<String> missed = new ArrayList<>();
        for (String size : SIZES) {
            for (String method : METHODS) {
                for (String signer : SIGNERS) {
                    Optional<Row> ours = message(OURS, method, size, signer);
                    String row = method + " " + size + " " + signer;
                    boolean limitTarget = size.equals("1m") || method.equals("sign")
                            || method.equals("signEncrypt");
                    if (limitTarget) {
                        double need = size.equals("1m") ? TARGET_1M_LIMIT : TARGET_4K_LIMIT;
                        Optional<Limit> limit = limitFor(method, size, signer);
                        String what = "ours / primitive limit";
                        if (ours.isEmpty() || limit.isEmpty()) {
                            md.append("| ").append(what).append(" | ").append(row).append(" | n/a | ")
                              .append(ratio(need)).append(" | not measured |\n");
                            missed.add(row + ": " + what + " not measured");
                        } else {
                            double got = ratioToLimit(ours.get()).orElseThrow();
                            Limit l = limit.get();
                            double oursValue = l.unit().equals("MB/s") ? mbPerSecond(ours.get()) : ours.get().score();
                            boolean met = got >= need;
                            md.append("| ").append(what).append(" | ").append(row).append(" | ").append(ratio(got))
                              .append(" (").append(fmt(oursValue)).append(" / ").append(fmt(l.value())).append(' ')
                              .append(l.unit()).append(") | ").append(ratio(need)).append(" | ")
                              .append(met ? "met" : "**missed**").append(" |\n");
                            if (!met) {
                                missed.add(row + ": ours / limit " + ratio(got) + " < " + ratio(need) + " ("
                                        + fmt(oursValue) + " vs " + l.label() + " " + fmt(l.value()) + " " + l.unit()
                                        + ")");
                            }
                        }
                    }
                    double needB = size.equals("1m") ? TARGET_1M_BASELINE : TARGET_4K_BASELINE;
                    Optional<Row> base = message(BASELINE, method, size, signer);
                    if (ours.isEmpty() || base.isEmpty()) {
                        md.append("| ours / baseline | ").append(row).append(" | n/a | ").append(ratio(needB))
                          .append("x | not measured |\n");
                        missed.add(row + ": ours / baseline not measured");
                    } else {
                        double got = ours.get().score() / base.get().score();
                        boolean met = got >= needB;
                        md.append("| ours / baseline | ").append(row).append(" | ").append(ratio(got)).append("x (")
                          .append(fmt(ours.get().score())).append(" / ").append(fmt(base.get().score()))
                          .append(" ops/s) | ").append(ratio(needB)).append("x | ")
                          .append(met ? "met" : "**missed**").append(" |\n");
                        if (!met) {
                            missed.add(row + ": ours / baseline " + ratio(got) + "x < " + ratio(needB) + "x ("
                                    + fmt(ours.get().score()) + " vs " + fmt(base.get().score()) + " ops/s)");
                        }
                    }
                }
            }
        }
        md.append('\n');
        return missed;
    }

    private void appendWhy(StringBuilder md, List<String> missed, String analysis) {
        md.append("## Why missed\n\n");
        boolean oursMissing = rows.stream().noneMatch(r -> r.bench().equals(OURS));
        if (oursMissing) {
            md.append("**`CamelSmimeBenchmark` has no results in this run**, so no target could be checked (it ")
              .append("failed or was not selected; see the run log).\n\n");
        } else if (missed.isEmpty()) {
            md.append("Every target was met in this run.\n\n");
        } else {
            md.append("Missed in this run:\n\n");
            for (String m : missed) {
                md.append("- ").append(m).append('\n');
            }
            md.append('\n');
        }
        // Floors computed from this run's primitives: what a single thread cannot beat.
        Optional<Row> sha = best("sha256");
        Optional<Row> aes = best("aesGcm");
        if (sha.isPresent() && aes.isPresent()) {
            double s = mbPerSecond(sha.get());
            double a = mbPerSecond(aes.get());
            double serial = 1 / (1 / s + 1 / a);
            md.append("Bounds from this run's primitives (one thread): signing or verifying 1 MiB must hash it once ")
              .append("(<= ").append(fmt(s)).append(" MB/s); sign-encrypt and unwrap must hash **and** encrypt or ")
              .append("decrypt it, one after the other on one thread: <= 1 / (1/").append(fmt(s)).append(" + 1/")
              .append(fmt(a)).append(") = ").append(fmt(serial)).append(" MB/s = ")
              .append(ratio(serial / Math.min(s, a))).append(" of the slower primitive, before any MIME, base64 ")
              .append("(33% more bytes) or copying.\n\n");
        }
        for (String signer : SIGNERS) {
            Optional<Row> ours = message(OURS, "sign", "4k", signer);
            Optional<Limit> limit = limitFor("sign", "4k", signer);
            if (ours.isPresent() && limit.isPresent()) {
                double oursUs = 1e6 / ours.get().score();
                double limitUs = 1e6 / limit.get().value();
                md.append("4 KiB sign, ").append(signer).append(": ").append(fmt(oursUs)).append(" µs per message, of")
                  .append(" which the signature primitive is ").append(fmt(limitUs)).append(" µs; ")
                  .append(fmt(oursUs - limitUs)).append(" µs go to the route, MIME, CMS encoding and hashing. ")
                  .append("0.85 of the limit allows ").append(fmt(limitUs / 0.85 - limitUs)).append(" µs.\n\n");
            }
        }
        if (analysis != null && !analysis.isBlank()) {
            md.append("### Analysis\n\n").append(analysis.strip()).append("\n");
        }
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** JMH's error when it has one (3+ iterations), else the range of the iterations (2 iterations). */
    static String err(Row r) {
        if (r.error() > 0 && !Double.isNaN(r.error())) {
            return fmt(r.error());
        }
        if (r.samples() >= 2 && !Double.isNaN(r.min())) {
            return fmt(r.min()) + "–" + fmt(r.max());
        }
        return "";
    }

    static String ratio(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    // ---- chart ------------------------------------------------------------------------------------------------

    void writePng(Path file) throws IOException {
        int w = 1500;
        int h = 820;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 22));
        g.drawString("camel-smime throughput by message size (ops/s, log scale, higher is better)", 30, 38);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        g.drawString(date + "  |  "
                + Machine.describe() + "  |  " + first.getStringOrDefault("jdkVersion", "") + "  |  one thread", 30, 62);

        // legend
        int lx = 30;
        int ly = 88;
        lx = legendBox(g, lx, ly, BASE_COLOR, "hand-written baseline (bcjmail, BC provider)");
        lx = legendBox(g, lx, ly, OURS_COLOR, "camel-smime route (direct: -> smime:)");
        legendLine(g, lx, ly, "primitive limit, best provider (4 KiB: private-key op; 1 MiB: slower of SHA-256, AES-GCM)");

        int top = 130;
        int bottom = h - 95;
        int gap = 110;
        int left = 95;
        int panelW = (w - left - gap - 30) / 2;
        panel(g, "4k", "4 KiB messages", left, top, panelW, bottom);
        panel(g, "1m", "1 MiB messages (1 op/s = 1.05 MB/s)", left + panelW + gap, top, panelW, bottom);

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.DARK_GRAY);
        g.drawString("Bars: JMH throughput, labels in ops/s (1 MiB panel also MB/s). Red marks: the primitive the "
                + "operation cannot beat. Full numbers and ratios: latest.md.", 30, h - 20);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    static final Color BASE_COLOR = new Color(0x9e, 0x9e, 0x9e);
    static final Color OURS_COLOR = new Color(0x1f, 0x6f, 0xb4);
    static final Color LIMIT_COLOR = new Color(0xd6, 0x27, 0x28);

    private static int legendBox(Graphics2D g, int x, int y, Color c, String text) {
        g.setColor(c);
        g.fillRect(x, y - 13, 26, 16);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        g.drawString(text, x + 34, y);
        return x + 34 + g.getFontMetrics().stringWidth(text) + 30;
    }

    private static void legendLine(Graphics2D g, int x, int y, String text) {
        Stroke old = g.getStroke();
        g.setColor(LIMIT_COLOR);
        g.setStroke(new BasicStroke(3, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {7, 4}, 0));
        g.drawLine(x, y - 5, x + 30, y - 5);
        g.setStroke(old);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        g.drawString(text, x + 38, y);
    }

    private void panel(Graphics2D g, String size, String title, int x0, int top, int width, int bottom) {
        // collect values (ops/s) to scale the axis
        List<Double> values = new ArrayList<>();
        for (String m : METHODS) {
            for (String s : SIGNERS) {
                message(BASELINE, m, size, s).ifPresent(r -> values.add(r.score()));
                message(OURS, m, size, s).ifPresent(r -> values.add(r.score()));
                limitOps(m, size, s).ifPresent(values::add);
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.drawString(title, x0, top - 8);
        int plotTop = top + 24;
        int plotBottom = bottom - 40;
        if (values.isEmpty()) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
            g.drawString("no results for this size in the run", x0 + 20, (plotTop + plotBottom) / 2);
            return;
        }
        double min = values.stream().mapToDouble(Double::doubleValue).filter(v -> v > 0).min().orElse(1);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(10);
        double lo = Math.pow(10, Math.floor(Math.log10(min)));
        double hi = Math.pow(10, Math.ceil(Math.log10(max * 1.05)));
        if (hi <= lo) {
            hi = lo * 10;
        }
        final double logLo = Math.log10(lo);
        final double logHi = Math.log10(hi);
        java.util.function.DoubleToIntFunction y = v -> (int) Math.round(plotBottom
                - (Math.log10(Math.max(v, lo)) - logLo) / (logHi - logLo) * (plotBottom - plotTop));

        // grid + y axis
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        for (double d = lo; d <= hi * 1.0001; d *= 10) {
            for (int k = 1; k < 10; k++) {
                double v = d * k;
                if (v > hi * 1.0001) {
                    break;
                }
                int yy = y.applyAsInt(v);
                g.setColor(k == 1 ? new Color(0xcc, 0xcc, 0xcc) : new Color(0xee, 0xee, 0xee));
                g.drawLine(x0, yy, x0 + width, yy);
                if (k == 1) {
                    g.setColor(Color.BLACK);
                    String label = compact(v);
                    g.drawString(label, x0 - 8 - fm.stringWidth(label), yy + 5);
                }
            }
        }
        g.setColor(Color.BLACK);
        g.drawLine(x0, plotTop, x0, plotBottom);
        g.drawLine(x0, plotBottom, x0 + width, plotBottom);
        // y axis title
        Graphics2D rot = (Graphics2D) g.create();
        rot.rotate(-Math.PI / 2);
        rot.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        rot.drawString("operations per second (log)", -(plotTop + plotBottom) / 2 - 85, x0 - 58);
        rot.dispose();

        int groups = METHODS.size() * SIGNERS.size();
        double groupW = (double) width / groups;
        int barW = (int) (groupW * 0.32);
        int gi = 0;
        for (String m : METHODS) {
            for (String s : SIGNERS) {
                int gx = (int) (x0 + gi * groupW);
                int cx = (int) (gx + groupW / 2);
                Optional<Row> base = message(BASELINE, m, size, s);
                Optional<Row> ours = message(OURS, m, size, s);
                bar(g, cx - barW - 2, barW, base, BASE_COLOR, y, plotBottom, size);
                bar(g, cx + 2, barW, ours, OURS_COLOR, y, plotBottom, size);
                Optional<Double> lim = limitOps(m, size, s);
                if (lim.isPresent()) {
                    Stroke old = g.getStroke();
                    g.setColor(LIMIT_COLOR);
                    g.setStroke(new BasicStroke(3, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                            new float[] {7, 4}, 0));
                    int ly = y.applyAsInt(lim.get());
                    g.drawLine(gx + 6, ly, (int) (gx + groupW - 6), ly);
                    g.setStroke(old);
                    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                    String t = size.equals("1m")
                            ? compact(lim.get() * Payloads.bytes(size) / MB) + " MB/s" : compact(lim.get());
                    g.drawString(t, cx - g.getFontMetrics().stringWidth(t) / 2, ly - 4);
                }
                // x labels: the signer under each group, the method once under its two groups
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                FontMetrics f2 = g.getFontMetrics();
                g.drawString(s, cx - f2.stringWidth(s) / 2, plotBottom + 16);
                if (s.equals(SIGNERS.get(SIGNERS.size() - 1))) {
                    int mx = (int) (gx + groupW - SIGNERS.size() * groupW / 2);
                    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
                    f2 = g.getFontMetrics();
                    g.drawString(m, mx - f2.stringWidth(m) / 2, plotBottom + 36);
                    if (!m.equals(METHODS.get(METHODS.size() - 1))) {
                        int sx = (int) (gx + groupW);
                        g.setColor(new Color(0xbb, 0xbb, 0xbb));
                        g.drawLine(sx, plotTop, sx, plotBottom + 40);
                    }
                }
                gi++;
            }
        }
    }

    /** The limit of a group in ops/s of that message operation (1 MiB: MB/s converted back to ops/s). */
    private Optional<Double> limitOps(String method, String size, String signer) {
        return limitFor(method, size, signer).map(l -> l.unit().equals("MB/s")
                ? l.value() * MB / Payloads.bytes(size) : l.value());
    }

    private static void bar(Graphics2D g, int x, int barW, Optional<Row> row, Color color,
                            java.util.function.DoubleToIntFunction y, int plotBottom, String size) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        if (row.isEmpty()) {
            g.setColor(Color.GRAY);
            String t = "n/a";
            g.drawString(t, x + (barW - fm.stringWidth(t)) / 2, plotBottom - 4);
            return;
        }
        double v = row.get().score();
        int yy = y.applyAsInt(v);
        g.setColor(color);
        g.fillRect(x, yy, barW, plotBottom - yy);
        g.setColor(Color.BLACK);
        String t = compact(v);
        g.drawString(t, x + (barW - fm.stringWidth(t)) / 2, yy - 3);
        if (size.equals("1m")) {
            String mb = compact(mbPerSecond(row.get())) + " MB/s";
            Graphics2D rot = (Graphics2D) g.create();
            rot.setColor(Color.WHITE);
            rot.rotate(-Math.PI / 2);
            if (plotBottom - yy > fm.stringWidth(mb) + 8) {
                rot.drawString(mb, -plotBottom + 5, x + barW / 2 + 4);
            }
            rot.dispose();
        }
    }

    static String compact(double v) {
        if (v >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (v >= 1e3) {
            return trim(v / 1e3) + "k";
        }
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return trim(v);
    }

    private static String trim(double v) {
        String s = v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /** What the report says about the machine it was generated on. */
    static final class Machine {
        private Machine() {
        }

        static String describe() {
            String cpu = "";
            try {
                for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
                    if (line.startsWith("model name")) {
                        cpu = line.substring(line.indexOf(':') + 1).trim();
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux: leave it out
            }
            long memGb = Math.round(totalMemoryBytes() / (1024.0 * 1024 * 1024));
            return Runtime.getRuntime().availableProcessors() + " cores (nproc)"
                    + (cpu.isEmpty() ? "" : ", " + cpu)
                    + (memGb > 0 ? ", " + memGb + " GiB" : "")
                    + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
        }

        /** The 1/5/15-minute load averages, or "" off Linux. */
        static String loadAverage() {
            try {
                String[] f = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
                return f[0] + " " + f[1] + " " + f[2];
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }

        private static long totalMemoryBytes() {
            try {
                for (String line : Files.readAllLines(Paths.get("/proc/meminfo"))) {
                    if (line.startsWith("MemTotal:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // unknown
            }
            return 0;
        }
    }
}
