/**
 * The OkHttp adapter for core's {@link dev.tally.core.port.out.UpstreamGateway}: how Tally pulls
 * pages of users, pricing programmes, upstream APIs and LLM models from the upstream services,
 * signs those requests ({@code uapi_sign}) and classifies their failures for the sync's retries.
 * Build one with {@link dev.tally.sync.UpstreamClients#gateway(UpstreamConfig)}; everything else
 * lives in {@code dev.tally.sync.internal}.
 */
package dev.tally.sync;
