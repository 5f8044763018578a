/** Exit codes of `call`: 0 success, 1 the tool returned an error or the host failed, 2 bad usage. */
export const CALL_EXIT = { ok: 0, toolError: 1, usage: 2 } as const;
