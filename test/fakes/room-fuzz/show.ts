// Printing any value a run handles, hostile ones included, as pasteable code for traces.

/** A JS-like rendering of any value, safe against throwing getters, proxies and cycles. */
export function show(value: unknown, depth = 0): string {
  try {
    return showUnsafe(value, depth, new Set());
  } catch {
    return '<hostile value>';
  }
}

function showUnsafe(value: unknown, depth: number, seen: Set<unknown>): string {
  if (typeof value === 'object' && value !== null) {
    const name = HOSTILE_NAMES.get(value);
    if (name !== undefined) return name;
  }
  switch (typeof value) {
    case 'string':
      // In full (a trace must be pasteable), except the few huge strings the mutations make.
      return value.length < 2000
        ? JSON.stringify(value)
        : `${JSON.stringify(value.slice(0, 40))}…(${value.length} characters)`;
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return '<function>';
    default:
      break;
  }
  if (value === null) return 'null';
  if (seen.has(value) || depth > 6) return '<…>';
  seen.add(value);
  const object = value as Record<string, unknown>;
  if (Array.isArray(object)) {
    return `[${object.map((item: unknown) => showUnsafe(item, depth + 1, seen)).join(', ')}]`;
  }
  const proto: unknown = Object.getPrototypeOf(object);
  const prefix =
    proto === null
      ? '<null-proto>'
      : proto === Object.prototype
        ? ''
        : `<inherits ${showUnsafe(proto, depth + 1, seen)}>`;
  const fields = Object.getOwnPropertyNames(object).map((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(object, key);
    const shown =
      descriptor && 'value' in descriptor
        ? showUnsafe(descriptor.value, depth + 1, seen)
        : '<getter>';
    return `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${shown}`;
  });
  return `${prefix}{${fields.join(', ')}}`;
}

/** Descriptions of hostile details: printing must not touch them. */
const HOSTILE_NAMES = new WeakMap<object, string>();

/** Tells `show` to print the hostile `value` as `name`; returns `value`. */
export function nameHostile(value: object, name: string): object {
  HOSTILE_NAMES.set(value, name);
  return value;
}
