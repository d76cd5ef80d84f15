package io.github.camelsmime.sample;

import io.github.camelsmime.sample.routes.FileSignRoutes;
import io.github.camelsmime.sample.routes.HttpRoutes;
import io.github.camelsmime.sample.routes.InboundMailRoutes;
import io.github.camelsmime.sample.routes.JmsRoutes;
import io.github.camelsmime.sample.routes.OutboundMailRoutes;
import org.apache.camel.main.Main;

/**
 * The S/MIME gateway: a Camel Main application. {@code java -jar sample-routes.jar} starts it with the properties of
 * {@code application.properties}, each overridable by {@code -Dkey=value} or an environment variable.
 */
public final class GatewayApplication {

    private GatewayApplication() {
    }

    public static void main(String[] args) throws Exception {
        Main main = create();
        main.run(args);
    }

    /** A configured, not yet started Main (the tests start it with their own override properties). */
    public static Main create() {
        Main main = new Main();
        main.addMainListener(new GatewayBootstrap());
        main.configure().addRoutesBuilder(new OutboundMailRoutes());
        main.configure().addRoutesBuilder(new InboundMailRoutes());
        main.configure().addRoutesBuilder(new HttpRoutes());
        main.configure().addRoutesBuilder(new JmsRoutes());
        main.configure().addRoutesBuilder(new FileSignRoutes());
        // file-verify is YAML: classpath:routes/file-verify.camel.yaml
        return main;
    }
}
