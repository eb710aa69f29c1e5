/** Compile-time exhaustiveness check. Reaching it at run time is a decoder bug, which `guard` catches. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case ${typeof value}`);
}
