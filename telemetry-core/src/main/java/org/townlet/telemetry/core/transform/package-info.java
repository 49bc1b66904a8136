/**
 * The transform pipeline (SPEC §10): its configuration ({@link org.townlet.telemetry.core.transform.TransformPipeline},
 * parsed and validated at load by {@link org.townlet.telemetry.core.transform.TransformPipelineParser}), the running
 * transforms ({@link org.townlet.telemetry.core.transform.TransformChain}: {@code snapshot_normalizer} and
 * {@code redact_fields} before diffing, {@code ensure_fields} and {@code schema_validator} after), and the two
 * bundled schemas ({@link org.townlet.telemetry.core.transform.BundledSchemas}).
 *
 * <p>{@code schema_validator} runs networknt, the reference, behind a fast path: a schema that stays in the keyword
 * subset the bundled schemas use is also compiled ({@code FastValidatorCompiler}) into checks on the frame's plain
 * values ({@code FastValidator}) that answer only "definitely valid"; networknt builds the frame's tree and validates
 * it only when the fast path is not sure, and writes every message.
 */
package org.townlet.telemetry.core.transform;
