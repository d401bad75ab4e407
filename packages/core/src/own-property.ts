/**
 * Keys from user input (abbrs, dict keys, --env names) may be `constructor` or `__proto__`:
 * plain-object lookups would find Object.prototype members and assignments would set the prototype.
 */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** `obj[key] = value` as an own, enumerable data property whatever the key. */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
