/** The seams adapters may import: message shapes, replies, the Channel port, errors and the clock. */
export * from './inbound.ts';
export * from './reply.ts';
export * from './channel.ts';
export * from './clock.ts';
export * from './errors.ts';
export * from './inbound-receipt.ts';
export * from './backoff.ts';
export * from './lru.ts';
