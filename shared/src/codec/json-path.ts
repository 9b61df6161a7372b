/**
 * JSON paths for error messages, as JSONPath writes them: `$` is the document's root,
 * `$.input.exprs[2].child` a member and an element, `$.options["my key"]` a member
 * whose name is not an identifier.
 */
export const ROOT_PATH = '$'

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

export function memberPath(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`
}

export function elementPath(path: string, index: number): string {
  return `${path}[${index}]`
}
