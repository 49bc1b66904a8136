package org.townlet.archfixtures.clean.app;

import com.google.inject.Guice;
import com.google.inject.Injector;
import org.townlet.archfixtures.clean.sim.Simulation;
import org.townlet.archfixtures.clean.telemetry.adapter.stdout.StdoutTransportFactory;
import org.townlet.archfixtures.clean.telemetry.adapter.tcp.TcpTransportFactory;
import org.townlet.archfixtures.clean.telemetry.core.publish.Publisher;

/** Fixture: app knows and wires everything, and may use Guice and System.err. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Injector injector = Guice.createInjector();
        new Simulation(new Publisher()).tick(1);
        System.err.println(injector + " " + new StdoutTransportFactory().create() + " " + new TcpTransportFactory().create());
    }
}
