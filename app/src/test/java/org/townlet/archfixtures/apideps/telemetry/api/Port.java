package org.townlet.archfixtures.apideps.telemetry.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** Fixture: compliant, Jackson annotations are allowed in the api. */
public interface Port {
    @JsonIgnore
    String name();
}
