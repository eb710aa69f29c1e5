/** An own (not inherited) property, also on objects without a prototype or with a shadowing key. */
export const hasOwn = (object: object, key: PropertyKey): boolean =>
  Object.prototype.hasOwnProperty.call(object, key);
