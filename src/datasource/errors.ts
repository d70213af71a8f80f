/** The readable part of a failed resource request (backend answers `{ error }`, see resourceContract.ts). */
export function messageOf(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { data?: { error?: string; message?: string }; message?: string; statusText?: string };
    return e.data?.error ?? e.data?.message ?? e.message ?? e.statusText ?? 'request failed';
  }
  return String(error);
}
