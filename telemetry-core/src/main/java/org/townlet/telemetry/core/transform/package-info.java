/**
 * The transform pipeline (SPEC §10): its configuration ({@link org.townlet.telemetry.core.transform.TransformPipeline},
 * parsed and validated at load by {@link org.townlet.telemetry.core.transform.TransformPipelineParser}), the running
 * transforms ({@link org.townlet.telemetry.core.transform.TransformChain}: {@code snapshot_normalizer} and
 * {@code redact_fields} before diffing, {@code ensure_fields} and {@code schema_validator} after), and the two
 * bundled schemas ({@link org.townlet.telemetry.core.transform.BundledSchemas}).
 */
package org.townlet.telemetry.core.transform;
