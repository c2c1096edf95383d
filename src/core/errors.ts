/**
 * Errors by origin, so the error boundary can decide what the user sees and what is retried.
 * Each carries the context it needs; none carries secrets.
 */

/** Something the user asked for cannot be done; `key` is an i18n message key, `vars` its values. */
export class UserFacingError extends Error {
  constructor(readonly key: string, readonly vars: Record<string, string | number> = {}) {
    super(key);
    this.name = 'UserFacingError';
  }
}

/**
 * Input (from a user, a button or a model) failed validation. `received` holds the refused values
 * by field, so the reply can name what was wrong ("no category shopping; categories are …").
 */
export class ValidationError extends Error {
  constructor(message: string, readonly issues: readonly string[] = [], readonly received: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** A platform API refused or failed; `retryAfterMs` is set when the platform said when to retry. */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly platform: string,
    readonly code: number | string | undefined,
    readonly permanent: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

/** The language model failed or answered something unusable. */
export class ModelError extends Error {
  constructor(message: string, readonly retryable: boolean, readonly status?: number) {
    super(message);
    this.name = 'ModelError';
  }
}

/**
 * A send that may or may not have reached the person: the connection broke after the request went
 * out, or the platform answered 5xx. Repeating it blindly could show the message twice, so the
 * reminder outbox counts these and resends at most once (or relies on the platform's de-duplication).
 */
export class UnknownOutcomeError extends PlatformError {
  constructor(message: string, platform: string, code: number | string | undefined) {
    super(message, platform, code, false);
    this.name = 'UnknownOutcomeError';
  }
}
