import { AnalysisError, PLAN_JSON_ENCODING, decodeLogicalPlan, parseQuery, type LogicalPlan } from '@sluice/shared'
import type { PlanEnvelope__Output } from '@sluice/proto'
import { checkPaths, planPaths } from './security/request-paths.js'
import type { AllowedPaths } from './security/allowed-paths.js'

/**
 * The logical plan of a `PlanEnvelope`: SQL parsed with Sluice's parser, or an
 * encoded plan decoded (INVALID_ARGUMENT naming the problem and where). Every path
 * it reads is checked against the allowed roots before it is returned.
 */
export async function admitPlan(envelope: PlanEnvelope__Output | null, timeZone: string, allowed: AllowedPaths): Promise<LogicalPlan> {
  const plan = planOfEnvelope(envelope, timeZone)
  await checkPaths(allowed, planPaths(plan))
  return plan
}

/** The plan of an envelope, paths not yet checked (`admitPlan` checks them). */
export function planOfEnvelope(envelope: PlanEnvelope__Output | null, timeZone: string): LogicalPlan {
  if (envelope?.plan === 'sql') return parseQuery(envelope.sql ?? '', { timeZone })
  if (envelope?.plan === 'encoded' && envelope.encoded) {
    const { encoding, data } = envelope.encoded
    if (encoding !== PLAN_JSON_ENCODING) {
      throw new AnalysisError('INVALID_PLAN.UNSUPPORTED_ENCODING', `The plan encoding ${JSON.stringify(encoding)} is not one this coordinator reads (${PLAN_JSON_ENCODING}).`, { encoding })
    }
    return decodeLogicalPlan(data)
  }
  throw new AnalysisError('INVALID_PLAN.MISSING', 'The request has no plan: set PlanEnvelope.sql or PlanEnvelope.encoded.')
}
