/**
 * Resource API shapes of the ledger (routes listed in resourceContract.ts):
 * policy history written by people on call (book 10.5-10.7) and the closed
 * periods export for audits (book 11.1). Pure types plus body validation.
 *
 * `by` is the Grafana login of the writer, kept for the audit trail only:
 * never aggregated or ranked per person (book 11.3).
 */
import type { LedgerPeriodRecord } from '../ledger/ledgerRecord';

/** A person on call records the state of a manual policy condition (book 10.5, table 10.2). */
export interface ManualConditionWrite {
  met: boolean;
  note?: string;
}

/** The latest recorded state of a manual condition; `by` is a Grafana login (never ranked: book 11.3). */
export interface ManualConditionState {
  policy: string;
  conditionId: string;
  met: boolean;
  note?: string;
  by: string;
  atMs: number;
}

/** GET ledger/periods */
export interface LedgerPeriodsResponse {
  periods: LedgerPeriodRecord[];
}

/** A linked work item of an enactment (book 10.5: "action items"). */
export interface WorkItemLink {
  url: string;
  status?: string;
}

/** POST policies/<policy>/enactments: a condition fired and its consequences were put in force. */
export interface EnactmentWrite {
  conditionId: string;
  /** When the condition was met (epoch ms). */
  atMs: number;
  trigger: 'automatic' | 'manual';
  consequences: string[];
  sloId?: string;
  /** Period label the condition was met in, e.g. "2026-03". */
  period?: string;
  workItems: WorkItemLink[];
  note?: string;
}

export interface Enactment extends EnactmentWrite {
  id: number;
  policy: string;
  by: string;
  recordedAtMs: number;
}

/** POST policies/<policy>/reviews: the policy was reviewed; the next review is due then (book 10.7). */
export interface ReviewWrite {
  nextReviewMs: number;
  note?: string;
}

export interface Review extends ReviewWrite {
  id: number;
  policy: string;
  by: string;
  reviewedAtMs: number;
}

export type Parsed<T> = { ok: T } | { error: string };

const MAX_TEXT = 2000;

/** Validates a ManualConditionWrite body; errors name the field. */
export function parseManualConditionWrite(body: unknown): Parsed<ManualConditionWrite> {
  if (!isObject(body)) {
    return { error: 'body must be a JSON object like {"met": true, "note": "..."}' };
  }
  if (typeof body.met !== 'boolean') {
    return { error: 'met: required, true or false' };
  }
  const note = optionalText(body.note, 'note');
  if (typeof note === 'object') {
    return note;
  }
  return { ok: { met: body.met, ...(note !== undefined ? { note } : {}) } };
}

/** Validates an EnactmentWrite body; errors name the field. */
export function parseEnactmentWrite(body: unknown): Parsed<EnactmentWrite> {
  if (!isObject(body)) {
    return { error: 'body must be a JSON object with conditionId, atMs, trigger, consequences' };
  }
  if (typeof body.conditionId !== 'string' || body.conditionId.trim() === '') {
    return { error: 'conditionId: required, the id of the policy condition that fired' };
  }
  if (typeof body.atMs !== 'number' || !Number.isFinite(body.atMs) || body.atMs <= 0) {
    return { error: 'atMs: required, epoch milliseconds when the condition was met' };
  }
  const trigger = body.trigger ?? 'manual';
  if (trigger !== 'automatic' && trigger !== 'manual') {
    return { error: 'trigger: must be "automatic" or "manual"' };
  }
  const consequences = body.consequences ?? [];
  if (!Array.isArray(consequences) || consequences.some((c) => typeof c !== 'string')) {
    return { error: 'consequences: must be a list of consequence ids' };
  }
  const rawItems = body.workItems ?? [];
  if (!Array.isArray(rawItems)) {
    return { error: 'workItems: must be a list of {url, status}' };
  }
  const workItems: WorkItemLink[] = [];
  for (const [i, item] of rawItems.entries()) {
    if (!isObject(item) || typeof item.url !== 'string' || !/^https?:\/\/\S+$/.test(item.url)) {
      return { error: `workItems[${i}].url: must be an http(s) URL` };
    }
    workItems.push({ url: item.url, ...(typeof item.status === 'string' ? { status: item.status } : {}) });
  }
  const texts: Record<string, string | undefined> = {};
  for (const field of ['sloId', 'period', 'note'] as const) {
    const v = optionalText(body[field], field);
    if (typeof v === 'object') {
      return v;
    }
    texts[field] = v;
  }
  return {
    ok: {
      conditionId: body.conditionId.trim(),
      atMs: body.atMs,
      trigger,
      consequences: consequences as string[],
      workItems,
      ...(texts.sloId !== undefined ? { sloId: texts.sloId } : {}),
      ...(texts.period !== undefined ? { period: texts.period } : {}),
      ...(texts.note !== undefined ? { note: texts.note } : {}),
    },
  };
}

/** Validates a ReviewWrite body. */
export function parseReviewWrite(body: unknown): Parsed<ReviewWrite> {
  if (!isObject(body)) {
    return { error: 'body must be a JSON object like {"nextReviewMs": 1767225600000}' };
  }
  if (typeof body.nextReviewMs !== 'number' || !Number.isFinite(body.nextReviewMs) || body.nextReviewMs <= 0) {
    return { error: 'nextReviewMs: required, epoch milliseconds of the next review' };
  }
  const note = optionalText(body.note, 'note');
  if (typeof note === 'object') {
    return note;
  }
  return { ok: { nextReviewMs: body.nextReviewMs, ...(note !== undefined ? { note } : {}) } };
}

function optionalText(v: unknown, field: string): string | undefined | { error: string } {
  if (v === undefined || v === null) {
    return undefined;
  }
  if (typeof v !== 'string') {
    return { error: `${field}: must be a string` };
  }
  if (v.length > MAX_TEXT) {
    return { error: `${field}: at most ${MAX_TEXT} characters` };
  }
  return v;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
