package org.townlet.archfixtures.modules.telemetry.common;

/** Violator of every_class_belongs_to_a_module_and_modules_depend_only_downwards: a package no module owns. */
public final class Strings {
    private Strings() {
    }
}
