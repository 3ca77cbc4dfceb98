/** JSON text from a store column, or `fallback` when it is empty or not JSON. */
export const parseJson = <T>(s: unknown, fallback: T): T => {
  try {
    return s ? (JSON.parse(String(s)) as T) : fallback;
  } catch {
    return fallback;
  }
};
