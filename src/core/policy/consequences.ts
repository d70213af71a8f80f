/**
 * Part 4 of an error budget policy: its consequences (book 10.5, table 10.3).
 * A consequence is in force while any condition it names is met; the ones
 * that stop releases (book I/J: "stop new feature releases to staging /
 * production") feed the release gate.
 */
import { PolicyConsequence } from '../model/model';
import type { ConditionResult } from './conditions';

export interface ConsequenceResult {
  id: string;
  description: string;
  inForce: boolean;
  blocksReleases: boolean;
  /** Environments a release block applies to; empty = all. */
  environments: string[];
  /** Which met conditions put it in force, in words; or why it is not. */
  because: string;
  /** Ids of the met conditions that put it in force. */
  byConditions: string[];
}

export function evaluateConsequence(consequence: PolicyConsequence, conditions: readonly ConditionResult[]): ConsequenceResult {
  const met = consequence.when.flatMap((id) => conditions.filter((c) => c.id === id && c.met));
  const base = { id: consequence.id, description: consequence.description, blocksReleases: consequence.blocksReleases, environments: [...consequence.environments] };
  if (met.length === 0) {
    return { ...base, inForce: false, because: `none of its conditions (${consequence.when.join(', ')}) is met`, byConditions: [] };
  }
  return { ...base, inForce: true, because: met.map((c) => `condition ${c.id} met: ${c.because}`).join('; '), byConditions: met.map((c) => c.id) };
}
