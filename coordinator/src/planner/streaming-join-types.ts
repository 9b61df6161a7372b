import { AnalysisError, type JoinType } from '@sluice/shared'

/** Spark's name of a join type in its messages (`LeftOuter`, `FullOuter`, …). */
export function sparkJoinTypeName(joinType: JoinType): string {
  const names: Record<JoinType, string> = { inner: 'Inner', cross: 'Cross', left: 'LeftOuter', right: 'RightOuter', full: 'FullOuter', semi: 'LeftSemi', anti: 'LeftAnti' }
  return names[joinType]
}

/**
 * The join types a streaming query may use (the programming guide's support matrix),
 * refused with the messages of Spark's UnsupportedOperationChecker. Stream-stream outer
 * and semi joins are further checked for watermarks when the join is planned.
 */
export function checkStreamingJoinType(joinType: JoinType, leftStreams: boolean, rightStreams: boolean): void {
  if (!leftStreams && !rightStreams) return
  const refuse = (message: string) => { throw new AnalysisError('UNSUPPORTED_STREAMING_OPERATION', message) }
  switch (joinType) {
    case 'inner': case 'cross':
      return
    case 'full':
      if (leftStreams && !rightStreams) refuse('FullOuter joins with streaming DataFrames/Datasets on the left and a static DataFrame/Dataset on the right is not supported')
      if (!leftStreams && rightStreams) refuse('FullOuter joins with streaming DataFrames/Datasets on the right and a static DataFrame/Dataset on the left is not supported')
      return
    case 'anti':
      if (rightStreams) refuse('LeftAnti joins with a streaming DataFrame/Dataset on the right are not supported')
      return
    case 'left': case 'semi':
      if (!leftStreams && rightStreams) refuse(`${sparkJoinTypeName(joinType)} join with a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported`)
      return
    case 'right':
      if (leftStreams && !rightStreams) refuse('RightOuter join with a streaming DataFrame/Dataset on the left and a static DataFrame/DataSet on the right not supported')
      return
  }
}
