package io.github.camelsmime.dataformat;

import org.apache.camel.spi.annotations.Dataformat;

import io.github.camelsmime.SmimeDataFormat;

/**
 * The {@code smime} data format as Camel creates it by name ({@code dataformat:smime:...}, the catalog). It is
 * {@link SmimeDataFormat} itself; it lives in a package of its own because Camel's catalog finds a data format's
 * metadata at {@code META-INF/<package of the class>/<name>.json}, where, in the component's package, the component's
 * own {@code smime.json} already lies.
 */
@Dataformat("smime")
public class NamedSmimeDataFormat extends SmimeDataFormat {
}
