/** Exit codes, the same for every command. */
export const EXIT = {
  ok: 0,
  /** network, S3 or credential error */
  runtime: 1,
  /** usage or invalid input */
  usage: 2,
  /** presign --strict: the effective expiry is shorter than requested */
  strict: 3,
} as const;
