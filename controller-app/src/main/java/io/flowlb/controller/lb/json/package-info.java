/**
 * The JSON form of the load-balancer model, shared by the REST API, the state file and
 * configuration files, so that what {@code GET /api/v1/config} prints is exactly what the state
 * file holds and what {@code PUT /api/v1/config} or {@code --config FILE} accept.
 *
 * <p>Design notes:
 * <ul>
 *   <li>One codec per value type ({@code IpAddress}, {@code MacAddress}, {@code Protocol}, the ids,
 *       the enums, {@code ExpectedStatus}): text in, the model's own {@code parse(field, text)}
 *       out, so a typo is reported with the model's sentence and the JSON path of the value.</li>
 *   <li>One body record per model record ({@link io.flowlb.controller.lb.json.VipJson}...), with
 *       the same snake_case field names and boxed optional fields, so a field left out takes the
 *       model's documented default instead of Java's zero.</li>
 *   <li>Unknown fields are errors that name the field: a misspelt {@code wieght} must not
 *       silently keep the old weight.</li>
 * </ul>
 *
 * <p>Thread safety: the mapper from {@link io.flowlb.controller.lb.json.LbJson#newMapper()} is
 * safe for concurrent use once built; the body records are immutable.
 */
package io.flowlb.controller.lb.json;
