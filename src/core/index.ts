/** The seams adapters may import: message shapes, replies, the Channel port, errors, the clock and correlation ids. */
export * from './inbound.ts';
export * from './reply.ts';
export * from './channel.ts';
export * from './clock.ts';
export * from './errors.ts';
export * from './inbound-receipt.ts';
export * from './backoff.ts';

/**
 * Correlation ids for adapters: wrap the handling of one update in `withCorrelation(id, fn)` (or set
 * `InboundMessage.correlationId`) so the adapter's own log lines share the message's `cid`.
 */
export { withCorrelation, newCorrelationId } from './correlation.ts';
export * from './lru.ts';
