/** `T` with its optional field `K` known to be present. */
export type With<T, K extends keyof T> = T & { readonly [P in K]-?: NonNullable<T[P]> };

/** The newest item (last in the list) whose optional field `key` is set; null if none has it. */
export function latestWith<T, K extends keyof T>(items: readonly T[], key: K): With<T, K> | null {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item != null && item[key] != null) return item as With<T, K>;
  }
  return null;
}

/** Items exist, but none has the field (a record from before the field existed). */
export function lacksField<T, K extends keyof T>(items: readonly T[], key: K): boolean {
  return items.length > 0 && latestWith(items, key) === null;
}
