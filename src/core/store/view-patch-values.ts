/**
 * Plain-data helpers for view patches: type guards, deep equality, UTF-8 sizes, frozen copies and
 * setData path safety. Platform-free; nothing here mutates its inputs.
 */
import { hasOwn } from '../has-own';
import type { ViewState, ViewValue } from './view-patch';

export type ViewObject = { readonly [key: string]: ViewValue };
export type ViewArray = readonly ViewValue[];

export function isViewArray(value: ViewValue): value is ViewArray {
  return Array.isArray(value);
}

export function isViewObject(value: ViewValue): value is ViewObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `object[key]`; a missing (or, against the types, undefined) value reads as null. */
export function read(object: ViewObject, key: string): ViewValue {
  const value = object[key];
  return value === undefined ? null : value;
}

/** Sets an own enumerable property, so that a key such as `__proto__` stays plain data. */
export function define(target: Record<string, ViewValue>, key: string, value: ViewValue): void {
  // Plain assignment is many times faster; a key the prototype chain has (`__proto__`, or
  // `toString` under a frozen Object.prototype) needs defineProperty.
  if (!(key in target)) {
    target[key] = value;
    return;
  }
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Primitive equality: `0` and `-0` are equal (JSON sends both as `0`); NaN equals NaN. */
function samePrimitive(a: ViewValue, b: ViewValue): boolean {
  // NaN is not a ViewValue; comparing it equal keeps a stray NaN from being re-sent every flush.
  return a === b || (a !== a && b !== b);
}

export function deepEqual(a: ViewValue, b: ViewValue): boolean {
  if (a === b) return true;
  if (isViewArray(a)) {
    if (!isViewArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (!deepEqual(a[i] ?? null, b[i] ?? null)) return false;
    }
    return true;
  }
  if (isViewObject(a)) {
    if (!isViewObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => hasOwn(b, key) && deepEqual(read(a, key), read(b, key)));
  }
  return samePrimitive(a, b);
}

/** UTF-8 byte length of a string; a lone surrogate counts as U+FFFD (3 bytes), as TextEncoder does. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** UTF-8 bytes of `JSON.stringify(value)`. */
export function jsonBytes(value: ViewValue | Record<string, ViewValue>): number {
  return utf8Length(JSON.stringify(value));
}

/**
 * A key setData can address as `parent.key`. `.` and `[` start a new path segment, `]` and the
 * empty key are refused too (conservatively: WeChat documents no escaping).
 */
export function isPathSafeKey(key: string): boolean {
  return key !== '' && !/[.[\]]/.test(key);
}

/** A deep copy in which every object and array is frozen. */
export function frozenCopy(value: ViewValue): ViewValue {
  if (isViewArray(value)) return Object.freeze(value.map(frozenCopy));
  if (isViewObject(value)) return frozenObjectCopy(value);
  return value;
}

export function frozenObjectCopy(object: ViewState): ViewState {
  const copy: Record<string, ViewValue> = {};
  for (const key of Object.keys(object)) define(copy, key, frozenCopy(read(object, key)));
  return Object.freeze(copy);
}
