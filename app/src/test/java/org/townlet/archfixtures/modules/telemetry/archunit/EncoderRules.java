package org.townlet.archfixtures.modules.telemetry.archunit;

import org.townlet.archfixtures.modules.telemetry.core.Encoder;

/** Violator of every_class_belongs_to_a_module_and_modules_depend_only_downwards: the rules module uses core. */
public final class EncoderRules {
    public static final Class<?> ENCODER = Encoder.class;

    private EncoderRules() {
    }
}
