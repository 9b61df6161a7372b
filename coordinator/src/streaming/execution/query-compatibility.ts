import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { AnalysisError, physicalChildren, simpleString, type PhysicalPlan } from '@sluice/shared'
import type { OffsetSeq } from '../../checkpoint/index.js'

/** What must not change across restarts of a stateful operator: its kind, key and value layout. */
interface OperatorFingerprint {
  readonly operatorId: number
  readonly operatorName: string
  readonly keySchema: string
  readonly valueSchema: string
}

/**
 * Refuses to restart a query whose checkpoint belongs to an incompatible query
 * (Spark's recovery rules): a different number of sources than the offset log
 * holds, or a stateful operator whose kind, keys or aggregates changed. Each
 * operator's fingerprint lives where Spark keeps a state store's schema, in its
 * partition 0: `state/<operatorId>/0/_metadata/schema` (Sluice's JSON, not Spark's
 * binary schema file; `state/<operatorId>/_metadata/schema`, where earlier Sluice
 * versions wrote it, is still read).
 */
export async function checkQueryCompatibility(checkpointLocation: string, plan: PhysicalPlan, sourceCount: number, logged: OffsetSeq | null): Promise<void> {
  if (logged !== null && logged.offsets.length !== sourceCount) {
    throw new AnalysisError('STREAMING_QUERY_CHANGED.SOURCES', `There are [${logged.offsets.length}] sources in the checkpoint offsets (${join(checkpointLocation, 'offsets')}) and now there are [${sourceCount}] sources requested by the query. Cannot continue: use a new checkpointLocation.`)
  }
  for (const fingerprint of fingerprints(plan)) {
    const operatorFolder = join(checkpointLocation, 'state', String(fingerprint.operatorId))
    const legacyFile = join(operatorFolder, '_metadata', 'schema')
    let file = join(operatorFolder, '0', '_metadata', 'schema')
    let existing = await readFile(file, 'utf8').catch(() => null)
    if (existing === null) {
      existing = await readFile(legacyFile, 'utf8').catch(() => null)
      if (existing !== null) file = legacyFile
    }
    if (existing === null) {
      await mkdir(dirname(file), { recursive: true })
      await writeFile(file, JSON.stringify(fingerprint))
      continue
    }
    const before = JSON.parse(existing) as OperatorFingerprint
    for (const field of ['operatorName', 'keySchema', 'valueSchema'] as const) {
      if (before[field] !== fingerprint[field]) {
        throw new AnalysisError(field === 'valueSchema' ? 'STATE_STORE_VALUE_SCHEMA_NOT_COMPATIBLE' : 'STATE_STORE_KEY_SCHEMA_NOT_COMPATIBLE',
          `The stateful operator ${fingerprint.operatorId} changed since the checkpoint was written (${file}): ${field} was "${before[field]}", now "${fingerprint[field]}". Stateful operators cannot change across restarts: use a new checkpointLocation.`)
      }
    }
  }
}

function fingerprints(plan: PhysicalPlan, out: OperatorFingerprint[] = []): OperatorFingerprint[] {
  const fields = (p: PhysicalPlan, indexes: readonly number[]) => indexes.map((i) => `${p.schema.fields[i]!.name}:${simpleString(p.schema.fields[i]!.dataType)}`).join(',')
  if (plan.kind === 'HashAggregate' && plan.stateful) {
    out.push({
      operatorId: plan.stateful.operatorId,
      operatorName: plan.sessionWindowIndex === undefined ? 'stateStoreSave' : 'sessionWindowStateStoreSave',
      keySchema: JSON.stringify(plan.grouping),
      valueSchema: JSON.stringify(plan.aggregates),
    })
  }
  if (plan.kind === 'Deduplicate' && plan.stateful) {
    out.push({ operatorId: plan.stateful.operatorId, operatorName: 'dedupe', keySchema: fields(plan, plan.keyIndexes), valueSchema: String(plan.withinWatermark) })
  }
  if (plan.kind === 'StreamStreamJoin') {
    out.push({ operatorId: plan.stateful.operatorId, operatorName: 'symmetricHashJoin', keySchema: JSON.stringify([plan.leftKeys, plan.rightKeys]), valueSchema: plan.joinType })
  }
  for (const child of physicalChildren(plan)) fingerprints(child, out)
  return out
}
