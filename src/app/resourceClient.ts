/**
 * The datasource's resource API as the app calls it
 * (/api/datasources/uid/<uid>/resources/<path>, src/core/contracts/resourceContract.ts).
 * Errors keep the backend's `{ error }` text and status so pages can say
 * exactly what is missing (e.g. 404 "no resource").
 */
import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

export type ResourceParams = Record<string, string | string[] | number | undefined>;

export class ResourceError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
    this.name = 'ResourceError';
  }
}

/** Query string with repeated keys for lists; empty values and "All" ($__all) are left out. */
export function toQueryString(params: ResourceParams): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== '' && v !== '$__all') {
        q.append(key, String(v));
      }
    }
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

function errorOf(e: unknown, path: string): ResourceError {
  const err = e as { status?: number; data?: { error?: string; message?: string }; message?: string };
  const status = err?.status ?? 0;
  const text = err?.data?.error ?? err?.data?.message ?? err?.message ?? String(e);
  return new ResourceError(status, `${path}: ${status ? `${status} ` : ''}${text}`);
}

async function call<T>(method: 'GET' | 'POST', uid: string, path: string, params: ResourceParams, body?: unknown): Promise<T> {
  const url = `/api/datasources/uid/${encodeURIComponent(uid)}/resources/${path}${toQueryString(params)}`;
  try {
    const res = await lastValueFrom(getBackendSrv().fetch<T>({ method, url, data: body, showErrorAlert: false, showSuccessAlert: false }));
    return res.data;
  } catch (e) {
    throw errorOf(e, path);
  }
}

export const getResource = <T>(uid: string, path: string, params: ResourceParams = {}) => call<T>('GET', uid, path, params);
export const postResource = <T>(uid: string, path: string, body: unknown) => call<T>('POST', uid, path, {}, body);
