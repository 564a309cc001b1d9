/**
 * The dbq annotation processor. {@link dev.dbq.processor.DbqProcessor} reads {@code @Job},
 * {@code @Step} and the hooks ({@code JobScanner}), has {@link dev.dbq.processor.validation} judge
 * them, turns valid jobs into {@link dev.dbq.processor.model} records, and has {@link
 * dev.dbq.processor.generator} write the code. The rules and every error are in {@code
 * docs/annotations.md}.
 */
package dev.dbq.processor;
